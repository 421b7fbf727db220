using System.Collections.Concurrent;
using System.Diagnostics;
using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Model;
using Lab.Core.Services;
using Lab.Core.Status;
using Lab.Core.Waits;
using Lab.Instances;
using Lab.Targets.Local;

namespace Lab.Bench;

/// <summary>
/// K instances side by side, at most <c>parallel</c> coming up at a time: the wall time until all are Synced and
/// routing, then each mariadbd's resident memory and how much MemAvailable fell, then all are taken down.
/// </summary>
public sealed class DensityBench(BenchInstances instances, LabDefinition lab, Action<string> progress)
{
    public async Task<DensityReport> RunAsync(int count, int parallel, CancellationToken ct)
    {
        var availableBefore = ProcMemory.MemAvailableMib();
        var aioBefore = AioUsage.Read("aio-nr");
        var running = new ConcurrentDictionary<string, LabInstance>();
        var upTimes = new ConcurrentBag<double>();
        var failed = new ConcurrentBag<string>();
        using var gate = new SemaphoreSlim(parallel);
        var clock = Stopwatch.StartNew();
        var names = Enumerable.Range(1, count).Select(i => instances.Name($"d{i}")).ToList();
        try
        {
            await Task.WhenAll(names.Select(async name =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var (instance, elapsed) = await instances.UpAsync(lab, name, GaleraStart.SharedState, _ => { }, ct);
                    running[name] = instance;
                    upTimes.Add(elapsed.TotalSeconds);
                    progress($"density: {name} up in {elapsed.TotalSeconds:0.00}s ({running.Count}/{count} at {clock.Elapsed.TotalSeconds:0.0}s)");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failed.Add($"{name}: {e.Message.Split('\n')[0]}");
                    progress($"density: {name} FAILED: {e.Message.Split('\n')[0]}");
                }
                finally { gate.Release(); }
            }));
            // Up returned for each one by one; check they are all healthy together, now that all are running. Polled: on a
            // loaded machine a health check can be late for a moment (HAProxy takes a node out after two slow checks and
            // back after the next good one), which is not a failure to come up.
            var unhealthy = await Task.WhenAll(running.Values.Select(i => StaysUnhealthyAsync(i, ct)));
            foreach (var problem in unhealthy.OfType<string>()) failed.Add(problem);
            var allUp = clock.Elapsed;
            var nodes = await MemoryAsync(running.Values, ct);
            var availableAfter = ProcMemory.MemAvailableMib();
            var aio = aioBefore is { } before && AioUsage.Read("aio-nr") is { } withAllUp && AioUsage.Read("aio-max-nr") is { } max
                ? new AioUsage(before, withAllUp, max) : null;
            progress($"density: {running.Count}/{count} up and healthy={failed.IsEmpty} in {allUp.TotalSeconds:0.0}s; " +
                     $"{nodes.Count} mariadbd, RSS total {nodes.Sum(n => n.RssMib):0} MiB" +
                     (aio is null ? "" : $"; AIO contexts {aio.WithAllUp} of {aio.Max} (were {aio.Before})"));

            var downClock = Stopwatch.StartNew();
            foreach (var name in names) await instances.DownAsync(name);
            return new DensityReport(count, parallel == 1 ? "sequential" : "parallel", parallel, SampleStats.Round(allUp.TotalSeconds),
                failed.IsEmpty && running.Count == count, failed.Order().ToList(), SampleStats.OfOrNull(upTimes.ToList()),
                SampleStats.OfOrNull(nodes.Select(n => n.RssMib).ToList()), SampleStats.Round(nodes.Sum(n => n.RssMib)),
                SampleStats.Round(availableBefore - availableAfter), SampleStats.Round(downClock.Elapsed.TotalSeconds), nodes,
                SampleStats.OfOrNull(nodes.Where(n => n.RssAnonMib is not null).Select(n => n.RssAnonMib!.Value).ToList()),
                SampleStats.OfOrNull(nodes.Where(n => n.PssMib is not null).Select(n => n.PssMib!.Value).ToList()), aio);
        }
        finally
        {
            foreach (var name in names.Where(n => instances.Live.Contains(n))) await instances.DownAsync(name);
        }
    }

    /// <summary>How long an instance may take to be seen healthy once all are up, before it counts as failed.</summary>
    private static readonly WaitPolicy HealthyTogether = new(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));

    /// <returns>Null once the instance is seen healthy; else why it was not, as last seen.</returns>
    private static async Task<string?> StaysUnhealthyAsync(LabInstance instance, CancellationToken ct)
    {
        try
        {
            await Until.Real.HoldsAsync($"{instance.Name} healthy with all instances up", async c =>
            {
                var status = await LabStatusReader.ReadAsync(instance, c);
                return status.Healthy ? ProbeResult.Yes("healthy")
                    : ProbeResult.No(string.Join("; ", status.Problems.Select(p => $"{p.Host}: {p.What}")));
            }, HealthyTogether, ct);
            return null;
        }
        catch (WaitTimeoutException e)
        {
            return $"{instance.Name}: not healthy within {HealthyTogether.Timeout.TotalSeconds:0}s once all instances were up: {e.Message.Split('\n')[0]}";
        }
    }

    /// <summary>Memory of every mariadbd (VmRSS, RssAnon, RssFile, PSS), found through each host's own service status (its pid file).</summary>
    private static async Task<IReadOnlyList<NodeMemory>> MemoryAsync(IEnumerable<LabInstance> running, CancellationToken ct)
    {
        var nodes = new List<NodeMemory>();
        foreach (var instance in running.OrderBy(i => i.Name, StringComparer.Ordinal))
            foreach (var host in instance.HostsRunning(ServiceCatalog.Galera))
            {
                var status = await host.StatusAsync(ServiceCatalog.Galera, ct);
                if (status.State == ServiceState.Stopped) continue;
                if (ProcMemory.Of(status.Pid) is { } m)
                    nodes.Add(new NodeMemory(instance.Name, host.Name, status.Pid, SampleStats.Round(m.RssMib), SampleStats.Round(m.RssAnonMib),
                        SampleStats.Round(m.RssFileMib), m.PssMib is { } pss ? SampleStats.Round(pss) : null));
            }
        return nodes;
    }
}
