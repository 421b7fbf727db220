namespace Lab.Core.Scenarios;

/// <summary>An observer that shows nothing: for callers that read the results afterwards (the bench, tests).</summary>
public sealed class SilentObserver : IScenarioObserver
{
    public static readonly SilentObserver Instance = new();

    private SilentObserver() { }

    public void ScenarioStarted(Scenario scenario) { }
    public void StageStarted(int index, Stage stage) { }
    public void StepFinished(StepResult step) { }
    public void ScenarioFinished(ScenarioResult result) { }
    public void Note(string message) { }
}
