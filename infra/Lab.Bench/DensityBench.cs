using System.Collections.Concurrent;
using System.Diagnostics;
using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Model;
using Lab.Core.Services;
using Lab.Core.Status;
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
            var allUp = clock.Elapsed;

            // Up returned for each one by one; check they are all still healthy together, now that all are running.
            var statuses = await Task.WhenAll(running.Values.Select(i => LabStatusReader.ReadAsync(i, ct)));
            foreach (var s in statuses.Where(s => !s.Healthy)) failed.Add($"{s.Instance}: not healthy once all instances were up");
            var nodes = await MemoryAsync(running.Values, ct);
            var availableAfter = ProcMemory.MemAvailableMib();
            progress($"density: {running.Count}/{count} up and healthy={failed.IsEmpty} in {allUp.TotalSeconds:0.0}s; " +
                     $"{nodes.Count} mariadbd, RSS total {nodes.Sum(n => n.RssMib):0} MiB");

            var downClock = Stopwatch.StartNew();
            foreach (var name in names) await instances.DownAsync(name);
            return new DensityReport(count, parallel == 1 ? "sequential" : "parallel", parallel, SampleStats.Round(allUp.TotalSeconds),
                failed.IsEmpty && running.Count == count, failed.Order().ToList(), SampleStats.OfOrNull(upTimes.ToList()),
                SampleStats.OfOrNull(nodes.Select(n => n.RssMib).ToList()), SampleStats.Round(nodes.Sum(n => n.RssMib)),
                SampleStats.Round(availableBefore - availableAfter), SampleStats.Round(downClock.Elapsed.TotalSeconds), nodes);
        }
        finally
        {
            foreach (var name in names.Where(n => instances.Live.Contains(n))) await instances.DownAsync(name);
        }
    }

    /// <summary>VmRSS of every mariadbd, found through each host's own service status (its pid file).</summary>
    private static async Task<IReadOnlyList<NodeMemory>> MemoryAsync(IEnumerable<LabInstance> running, CancellationToken ct)
    {
        var nodes = new List<NodeMemory>();
        foreach (var instance in running.OrderBy(i => i.Name, StringComparer.Ordinal))
            foreach (var host in instance.HostsRunning(ServiceCatalog.Galera))
            {
                var status = await host.StatusAsync(ServiceCatalog.Galera, ct);
                if (status.State == ServiceState.Stopped) continue;
                if (ProcMemory.RssMib(status.Pid) is { } rss)
                    nodes.Add(new NodeMemory(instance.Name, host.Name, status.Pid, SampleStats.Round(rss)));
            }
        return nodes;
    }
}
