using Lab.Core.Workload;

namespace Lab.Core.Scenarios;

public enum StepKind { Action, Expectation }

/// <summary>One line of the timeline: what ran, when (from the scenario's start), how long, and how it ended.</summary>
public sealed record StepResult(int Stage, string StageTitle, StepKind Kind, string Description, TimeSpan Start, TimeSpan Duration, bool Passed, string? Detail);

public sealed record ScenarioResult(Scenario Scenario, IReadOnlyList<StepResult> Steps, TimeSpan Duration, string? Error)
{
    /// <summary>A scenario these hosts cannot run (e.g. it needs netem on namespaces of a kernel without it): not started, neither passed nor failed.</summary>
    public static ScenarioResult NotRunBecause(Scenario scenario, string reason) => new(scenario, [], TimeSpan.Zero, null) { NotRunReason = reason };

    /// <summary>Why the scenario was not run at all, or null when it ran.</summary>
    public string? NotRunReason { get; init; }

    public bool NotRun => NotRunReason is not null;

    public bool Passed => !NotRun && Error is null && Steps.All(s => s.Passed);

    /// <summary>It ran and did not pass (a scenario that was not run has not failed).</summary>
    public bool Failed => !NotRun && !Passed;

    /// <summary>What the scenario's client writer saw, when it ran one (e.g. the longest interruption of a failover).</summary>
    public WorkloadReport? Workload { get; init; }

    /// <summary>Time spent polling expectations, i.e. waiting on the database (failure detection, joins, transfers).</summary>
    public TimeSpan WaitingOnDatabase => Steps.Where(s => s.Kind == StepKind.Expectation).Aggregate(TimeSpan.Zero, (a, s) => a + s.Duration);

    /// <summary>Time spent carrying out actions (signals, starts and stops, SQL, edits).</summary>
    public TimeSpan InActions => Steps.Where(s => s.Kind == StepKind.Action).Aggregate(TimeSpan.Zero, (a, s) => a + s.Duration);
}

/// <summary>Live progress of a run; the CLI renders it, tests record it.</summary>
public interface IScenarioObserver
{
    void ScenarioStarted(Scenario scenario);
    void StageStarted(int index, Stage stage);
    void StepFinished(StepResult step);
    void ScenarioFinished(ScenarioResult result);
    void Note(string message);
}
