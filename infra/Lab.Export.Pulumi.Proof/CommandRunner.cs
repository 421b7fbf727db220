using System.Diagnostics;
using Lab.Core.Errors;
using Lab.Core.Waits;
using Lab.Export.Pulumi.Proof.Hosts;
using Lab.Export.Pulumi.Proof.Program;

namespace Lab.Export.Pulumi.Proof;

/// <summary>
/// Runs the program's command resources as the command provider does: each once every command it depends on is done
/// (independent ones at the same time, as `pulumi up` does), its <c>create</c> as the remote command line and its
/// <c>stdin</c> on standard input, a failure stopping everything after it.
/// </summary>
public sealed class CommandRunner(ProofSsh ssh, ProofValues values, Action<string> progress)
{
    /// <summary>The provider's dialErrorLimit (30 in the programs): the host may still be booting when the step starts.</summary>
    private static readonly WaitPolicy Dial = new(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);

    /// <returns>Seconds each step took, in the order they finished.</returns>
    public async Task<IReadOnlyList<(string Step, double Seconds)>> RunAsync(IReadOnlyList<CommandStep> commands, CancellationToken ct)
    {
        var byName = commands.ToDictionary(c => c.Name);
        var tasks = new Dictionary<string, Task>();
        var took = new List<(string, double)>();
        Task Start(CommandStep step)
        {
            if (tasks.TryGetValue(step.Name, out var running)) return running;
            var deps = CommandOrder.CommandDependencies(step, byName).Select(d => Start(byName[d])).ToList();
            var task = Task.Run(async () =>
            {
                await Task.WhenAll(deps);
                var seconds = await RunOneAsync(step, ct);
                lock (took) took.Add((step.Name, seconds));
            }, ct);
            tasks[step.Name] = task;
            return task;
        }
        foreach (var c in CommandOrder.Of(commands)) _ = Start(c);
        await Task.WhenAll(tasks.Values);
        return took;
    }

    public async Task<double> RunOneAsync(CommandStep step, CancellationToken ct)
    {
        var (host, user) = (values.Resolve(step.Host), values.Resolve(step.User));
        var (proxyHost, proxyUser) = (step.ProxyHost is null ? null : values.Resolve(step.ProxyHost), step.ProxyUser is null ? null : values.Resolve(step.ProxyUser));
        var clock = Stopwatch.StartNew();
        await DialAsync(user, host, proxyUser, proxyHost, ct);
        progress($"  {step.Name} on {user}@{host}{(proxyHost is null ? "" : $" via {proxyHost}")}: running");
        var result = await ssh.RunAsync(user, host, proxyUser, proxyHost, values.Resolve(step.Create),
            step.Stdin is null ? null : values.Resolve(step.Stdin), StepTimeout, ct);
        if (!result.Ok)
            throw new LabException($"command '{step.Name}' on {host} failed ({result.Describe()})\nstdout: {result.Stdout.Trim()}\nstderr: {result.Stderr.Trim()}");
        progress($"  {step.Name}: done in {clock.Elapsed.TotalSeconds:0.0}s{(result.Stdout.Trim() is { Length: > 0 } o && step.Stdin is null ? $" ({o.Split('\n')[^1]})" : "")}");
        return clock.Elapsed.TotalSeconds;
    }

    /// <summary>Until ssh reaches the host (exit 255 is ssh's own failure: no route, no sshd yet, no user yet).</summary>
    /// <param name="repair">Tried after each failed dial (a container's boot units that failed); says what it did, or null.</param>
    /// <param name="policy">How long the host may take to let the user in (the provider's dial limit when null).</param>
    public Task DialAsync(string user, string host, string? proxyUser, string? proxyHost, CancellationToken ct,
        Func<CancellationToken, Task<string?>>? repair = null, WaitPolicy? policy = null) =>
        Until.Real.HoldsAsync($"ssh {user}@{host}", async c =>
        {
            var r = await ssh.RunAsync(user, host, proxyUser, proxyHost, "true", null, TimeSpan.FromSeconds(20), c);
            if (r.Ok) return new ProbeResult(true, "connected");
            var repaired = repair is null ? null : await repair(c);
            if (repaired is not null) progress($"  {host}: {repaired} failed at boot; started again");
            return new ProbeResult(false, r.Describe() + (repaired is null ? "" : $"; restarted {repaired}"));
        }, policy ?? Dial, ct);
}
