using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Model;
using Lab.Instances;
using Lab.Targets.Local;

namespace Lab.Bench;

/// <summary>
/// `lab up` against the seeds' procedure, alternated (up, down, baseline, down, ...) so both see the same machine load.
/// Each up is timed from nothing to every node Primary/Synced and a client query answered through HAProxy.
/// </summary>
public sealed class UpBench(BenchInstances instances, LabDefinition lab, Action<string> progress)
{
    /// <param name="firstUp">Called once with the first running instance, before it is taken down (machine facts).</param>
    public async Task<UpReport> RunAsync(int repeat, Func<LabInstance, Task> firstUp, CancellationToken ct)
    {
        var up = new List<double>();
        var baseline = new List<double>();
        var down = new List<double>();
        var failures = new List<string>();
        var first = true;
        IReadOnlyList<string> lastTimeline = [], lastBaselineTimeline = [];
        for (var i = 1; i <= repeat; i++)
        {
            foreach (var (mode, label, samples) in new[] { (GaleraStart.SharedState, "up", up), (GaleraStart.Classic, "base", baseline) })
            {
                var name = instances.Name($"{label}{i}");
                try
                {
                    var timeline = new List<string>();
                    var (instance, elapsed) = await instances.UpAsync(lab, name, mode, timeline.Add, ct);
                    if (mode == GaleraStart.SharedState) lastTimeline = timeline;
                    else lastBaselineTimeline = timeline;
                    samples.Add(elapsed.TotalSeconds);
                    if (first && mode == GaleraStart.SharedState) { first = false; await firstUp(instance); }
                    var downTime = await instances.DownAsync(name);
                    if (mode == GaleraStart.SharedState) down.Add(downTime.TotalSeconds);
                    progress($"{(mode == GaleraStart.SharedState ? "up      " : "baseline")} {i}/{repeat}: {elapsed.TotalSeconds:0.00}s (down {downTime.TotalSeconds:0.00}s)");
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add($"{name}: {e.Message.Split('\n')[0]}");
                    progress($"{name} failed: {e.Message.Split('\n')[0]}");
                    await instances.DownAsync(name);
                }
            }
        }
        var upStats = SampleStats.OfOrNull(up);
        var baseStats = SampleStats.OfOrNull(baseline);
        double? ratio = upStats is not null && baseStats is not null && upStats.Median > 0 ? SampleStats.Round(baseStats.Median / upStats.Median) : null;
        return new UpReport(repeat, upStats, baseStats, ratio, SampleStats.OfOrNull(down), failures, lastTimeline, lastBaselineTimeline);
    }
}
