using Lab.Core.Scenarios;

namespace Lab.Testing;

/// <summary>Sends a scenario's progress, one line per step, to the environment's progress callback.</summary>
internal sealed class ProgressObserver(Action<string> progress) : IScenarioObserver
{
    public void ScenarioStarted(Scenario scenario) => progress($"scenario {scenario.Name}: {scenario.Title.En}");
    public void StageStarted(int index, Stage stage) => progress($"  stage {index + 1}: {stage.Title.En}");
    public void StepFinished(StepResult step) => progress($"    {(step.Passed ? "ok  " : "FAIL")} {step.Description}" + (step.Detail is null ? "" : $" — {step.Detail}"));
    public void ScenarioFinished(ScenarioResult result) => progress($"scenario {result.Scenario.Name}: {(result.Passed ? "passed" : result.NotRun ? "not run" : "failed")}");
    public void Note(string message) => progress($"  {message}");
}
