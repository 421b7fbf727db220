using Lab.Core.Instances;
using Lab.Core.Status.Health;
using Lab.Core.Waits;

namespace Lab.Core.Status;

/// <summary>The outcome of waiting for a host: the last status read, whether the host came right, and how long it took.</summary>
public sealed record HostHealthOutcome(LabStatus Status, bool Healthy, TimeSpan Elapsed, IReadOnlyList<HealthProblem> Remaining);

/// <summary>
/// Polls the lab's status until no problem of its health rule concerns one host (its own, or another host's about
/// it, such as HAProxy marking it down or a replica waiting for it): what `lab start HOST --wait` waits for.
/// Problems elsewhere in the lab do not hold the wait up.
/// </summary>
public sealed class HostHealthWait(LabInstance instance, Until until)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <param name="progress">Told what still stands in the way, each time that changes.</param>
    public async Task<HostHealthOutcome> WaitAsync(string host, TimeSpan timeout, Action<string> progress, CancellationToken ct)
    {
        instance.Host(host); // an unknown name fails here, naming the hosts there are
        LabStatus? last = null;
        var lastSaid = "";
        var clock = until.Clock.GetTimestamp();
        try
        {
            await until.HoldsAsync($"{host} healthy", async c =>
            {
                last = await LabStatusReader.ReadAsync(instance, c);
                var problems = Concerning(last, host);
                var said = string.Join("; ", problems.Select(p => $"{p.Host}: {p.What}"));
                if (said != lastSaid && said.Length > 0) progress(said);
                lastSaid = said;
                return new ProbeResult(problems.Count == 0, said.Length == 0 ? "healthy" : said);
            }, new WaitPolicy(timeout, Interval), ct);
            return new HostHealthOutcome(last!, true, until.Clock.GetElapsedTime(clock), []);
        }
        catch (WaitTimeoutException)
        {
            // A status that could not be read at all still leaves the last one read, or none.
            last ??= await LabStatusReader.ReadAsync(instance, ct);
            return new HostHealthOutcome(last, false, until.Clock.GetElapsedTime(clock), Concerning(last, host));
        }
    }

    private static List<HealthProblem> Concerning(LabStatus status, string host) => status.Problems.Where(p => p.Concerns(host)).ToList();
}
