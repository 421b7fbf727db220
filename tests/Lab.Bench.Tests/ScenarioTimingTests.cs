using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Core.Workload;

namespace Lab.Bench.Tests;

public sealed class ScenarioTimingTests
{
    private static readonly Scenario Scenario = new("kill-node1-ist", new LocalizedText("t", null), new LocalizedText("", null), [], "x.yaml");

    private static StepResult Step(StepKind kind, double seconds) =>
        new(0, "stage", kind, "step", TimeSpan.Zero, TimeSpan.FromSeconds(seconds), true, null);

    [Fact]
    public void Given_a_result_with_actions_and_expectations_When_timed_Then_the_wall_time_splits_into_waiting_actions_and_the_rest()
    {
        var result = new ScenarioResult(Scenario, [Step(StepKind.Action, 0.5), Step(StepKind.Expectation, 6.0), Step(StepKind.Action, 0.25)],
            TimeSpan.FromSeconds(7.0), null);

        var timing = ScenarioBench.Timing(result, TimeSpan.FromSeconds(1.5));

        Assert.True(timing is { Seconds: 7.0, WaitingOnDatabaseSeconds: 6.0, ActionsSeconds: 0.75, OtherSeconds: 0.25, RestoreSeconds: 1.5 }, $"got {timing}");
        Assert.Null(timing.LongestInterruptionSeconds);
    }

    [Fact]
    public void Given_a_result_with_a_workload_When_timed_Then_the_longest_interruption_comes_from_the_acknowledged_writes()
    {
        var writes = new[] { 1.0, 1.1, 4.6, 4.7 }.Select((s, i) =>
            new WriteRecord(i, WriteOutcome.Ok, TimeSpan.FromSeconds(s - 0.01), TimeSpan.FromSeconds(s), null)).ToList();
        var result = new ScenarioResult(Scenario, [], TimeSpan.FromSeconds(10), null) { Workload = new WorkloadReport(writes) };

        var timing = ScenarioBench.Timing(result, TimeSpan.Zero);

        Assert.True(timing.LongestInterruptionSeconds == 3.5, $"got {timing.LongestInterruptionSeconds}");
    }
}
