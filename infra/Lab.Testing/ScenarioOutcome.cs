using Lab.Core.Scenarios;

namespace Lab.Testing;

/// <summary>
/// A named scenario's result: passed, failed (with the engine's message: host, expected, seen, log tail) or not run on
/// these hosts (with the reason); every step's line as the timeline shows it.
/// </summary>
public sealed record ScenarioOutcome(string Name, bool Passed, bool NotRun, string? Error, IReadOnlyList<string> Steps, TimeSpan Duration, ScenarioResult Result)
{
    internal static ScenarioOutcome From(ScenarioResult result) => new(result.Scenario.Name, result.Passed, result.NotRun,
        result.NotRunReason ?? result.Error,
        result.Steps.Select(s => $"{(s.Passed ? "ok  " : "FAIL")} [{s.Start.TotalSeconds,6:0.00}s] {s.StageTitle}: {s.Description}" + (s.Detail is null ? "" : $" — {s.Detail}")).ToList(),
        result.Duration, result);

    /// <summary>The scenario's name, verdict and timeline, for a test's failure message.</summary>
    public override string ToString() =>
        $"{Name}: {(Passed ? "passed" : NotRun ? "not run" : "FAILED")} in {Duration.TotalSeconds:0.0}s" + (Error is null ? "" : $"\n{Error}") +
        (Steps.Count == 0 ? "" : "\n" + string.Join("\n", Steps));
}
