using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Core.Workload;
using Lab.Reports.Model;
using Lab.Reports.Recording;

namespace Lab.Reports.Tests;

/// <summary>
/// The repository's own galera lab and its haproxy-failover scenario, with results shaped as a run gives them (every
/// stage's actions then expectations, the writer's records on its own clock) and node states sampled along the way.
/// </summary>
internal static class SampleRun
{
    public static LabDefinition Lab { get; } = LabCatalog.Locate().Load("galera");

    public static Scenario Failover { get; } = new ScenarioLoader(Lab).LoadByName("haproxy-failover");

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>Each step takes 1 s (13 s in all); the writer starts when stage 1's action ends (1 s) and stops at 12 s, with no acknowledged write from 4 s to 7.5 s.</summary>
    public static ScenarioResult Result(bool lastStageFails = false)
    {
        var steps = new List<StepResult>();
        var at = 0.0;
        for (var i = 0; i < Failover.Stages.Count; i++)
        {
            var stage = Failover.Stages[i];
            foreach (var a in stage.Actions) steps.Add(new StepResult(i, stage.Title.En, StepKind.Action, a.Describe(), S(at), S(1), true, null)); at += stage.Actions.Count;
            foreach (var e in stage.Expectations)
            {
                var fails = lastStageFails && i == Failover.Stages.Count - 1;
                steps.Add(new StepResult(i, stage.Title.En, StepKind.Expectation, e.DescribeStep(), S(at), S(1), !fails, fails ? "lost <none>" : "db1: 100 rows"));
                at += 1;
            }
        }
        // The writer's clock starts when `workload: start` (stage 1's first action, 0 → 1 s) ends.
        var writes = new List<WriteRecord>();
        long id = 0;
        for (var t = 0.0; t < 11.5; t += 0.25)
        {
            var gap = t >= 3.5 && t < 7.0;
            writes.Add(new WriteRecord(++id, gap ? WriteOutcome.Unknown : WriteOutcome.Ok, S(t), S(t + 0.05), gap ? "ERROR 2013" : null));
        }
        return new ScenarioResult(Failover, steps, S(at), lastStageFails ? "lost <none>" : null) { Workload = new WorkloadReport(writes) };
    }

    public static IReadOnlyList<StateSample> Samples() =>
    [
        new(S(0), States("Synced", "Synced", "Synced", "Primary")),
        new(S(1), States("Synced", "Synced", "Synced", "Primary")),
        new(S(3), States(null, "Synced", "Synced", "Primary")),
        new(S(6), States(null, "Synced", "Synced", "Primary")),
        new(S(8), States("Joiner", "Donor/Desynced", "Synced", "Primary")),
        new(S(9), States("Synced", "Synced", "Synced", "Primary")),
        new(S(99), States("Synced", "Synced", "Synced", "Primary")), // read after the scenario ended: left out
    ];

    private static Dictionary<string, NodeState> States(string? db1, string db2, string db3, string cluster) => new()
    {
        ["db1"] = db1 is null ? new NodeState(NodeCondition.Down) : NodeStates.Galera(cluster, db1),
        ["db2"] = NodeStates.Galera(cluster, db2),
        ["db3"] = NodeStates.Galera(cluster, db3),
    };

    public static RunReport Report(Core.Messages.Language language, bool lastStageFails = false) =>
        RunReportBuilder.Build(Lab, "galera", "local", language, [Result(lastStageFails)], _ => Samples(), new DateTimeOffset(2026, 11, 22, 18, 0, 0, TimeSpan.Zero));
}
