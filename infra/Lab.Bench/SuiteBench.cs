using Lab.Core.Model;
using Lab.Hosts.Vm;

namespace Lab.Bench;

/// <summary>
/// `lab bench --suite LAB`: one lab's whole scenario suite as `lab run LAB` runs it on the local target (up once,
/// each scenario, what the lab needs between them), with a lab with VM hosts (lvs, ha-drbd) held to its goal:
/// all of it within ten minutes here.
/// </summary>
public sealed record SuiteReport(string Lab, IReadOnlyList<string> VmHosts, ScenarioSuiteReport Suite, double GoalSeconds, bool WithinGoal, bool AllPassed)
{
    /// <summary>The goal for the labs whose hosts are VMs under emulation; the namespace-only labs are timed by the main bench.</summary>
    public const double VmLabGoalSeconds = 600;

    public IReadOnlyList<string> Problems =>
    [
        .. Suite.Scenarios.Where(s => s.Failed).Select(s => $"scenario {s.Name} failed" + (s.Error is { } e ? $": {e.Split('\n')[0]}" : "")),
        .. WithinGoal ? Array.Empty<string>() : [$"target missed: `lab run {Lab}` within {GoalSeconds:0} s (took {Suite.TotalSeconds:0.0} s)"],
    ];
}

public sealed class SuiteBench(BenchInstances instances, LabDefinition lab, Action<string> progress)
{
    public async Task<SuiteReport> RunAsync(CancellationToken ct)
    {
        var needs = await VmPlacement.HostsNeedingVmsAsync(lab, ct);
        if (needs.Count > 0) progress(VmPlacement.Describe(needs));
        var suite = await new ScenarioBench(instances, lab, progress).RunAsync(ct);
        return new SuiteReport(lab.Name, needs.Select(n => n.Host.Name).ToList(), suite, SuiteReport.VmLabGoalSeconds,
            suite.TotalSeconds <= SuiteReport.VmLabGoalSeconds, !suite.Scenarios.Any(s => s.Failed));
    }
}
