using System.Diagnostics;
using Lab.Core.Instances;
using Lab.Core.Model;
using Lab.Instances;
using Lab.Targets.Local;

namespace Lab.Bench;

/// <summary>Runs the whole benchmark in a fixed order (up/baseline/down, scenarios, density) and assembles the report.</summary>
public sealed class BenchRunner(LocalTarget target, LabDefinition lab, Action<string> progress, VmBench? vmBench = null)
{
    public async Task<BenchReport> RunAsync(BenchOptions options, CancellationToken ct)
    {
        options.Validate();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await using var instances = new BenchInstances(target, BenchInstances.NewRunId());
        progress($"bench run {instances.RunId}: instances are named bench-{instances.RunId}-*; all are removed at the end");

        MachineInfo? machine = null;
        var up = options.SkipUp ? null : await new UpBench(instances, lab, progress).RunAsync(options.Repeat,
            async first => machine = await MachineProbe.ReadAsync(first, ct), ct);
        machine ??= await MachineProbe.ReadAsync(null, ct);
        if (up is not null) progress($"up {up.UpSeconds}s; baseline {up.BaselineUpSeconds}s; ratio {up.BaselineRatio}; down {up.DownSeconds}s");

        var scenarios = options.SkipScenarios ? null : await new ScenarioBench(instances, lab, progress).RunAsync(ct);
        var density = options.SkipDensity ? null : await new DensityBench(instances, lab, progress).RunAsync(options.Instances, options.DensityParallel, ct);
        var vm = options.Vms > 0 && vmBench is not null ? await vmBench.RunAsync($"bench-{instances.RunId}-vm", options.Vms, ct) : null;

        var notes = new List<string>
        {
            "Timings are wall-clock on a machine that may be shared with other labs and builds; compare medians, expect noise.",
            "up/baseline: from no instance (no namespaces, no host directories) to db1-3 Primary/Synced, accounts created, HAProxy routing and a client query answered; the seed datadirs under /var/cache/lab are built once per MariaDB version and reused.",
            "baseline: galera_new_cluster on db1, then db2 and db3 join one at a time by full rsync SST (the seeds' procedure).",
            "density memory: VmRSS (the target) counts the program's and libraries' file pages, shared by every mariadbd, in each node; rss_anon is each node's own memory, pss its share of everything (summed over the nodes, what they take together).",
        };
        return new BenchReport(started, SampleStats.Round(clock.Elapsed.TotalSeconds), machine, up, scenarios, density,
            TargetChecks.From(up, scenarios, density, 10, vm), notes, vm);
    }
}
