using Lab.Core.Scenarios;

namespace Lab.Core.Tests.Support;

/// <summary>A run's timeline as text, for assertion messages that say what was observed.</summary>
public static class ScenarioResultText
{
    public static string Timeline(this ScenarioResult result) =>
        (result.Error is { } e ? $"error: {e}\n" : "") + string.Join("\n", result.Steps.Select(s =>
            $"  [{s.Start.TotalSeconds:0.000}s +{s.Duration.TotalSeconds:0.000}s] {(s.Passed ? "ok  " : "FAIL")} {s.Kind}: {s.Description}" +
            (s.Detail is null ? "" : $" — {s.Detail}")));

    /// <summary>The step that failed (the run stops at the first), or null.</summary>
    public static StepResult? Failed(this ScenarioResult result) => result.Steps.FirstOrDefault(s => !s.Passed);
}
