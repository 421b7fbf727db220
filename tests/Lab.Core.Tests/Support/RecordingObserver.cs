using Lab.Core.Scenarios;

namespace Lab.Core.Tests.Support;

/// <summary>Keeps what a run reported: the steps as they finished, and the notes (e.g. a failover's choice).</summary>
public sealed class RecordingObserver : IScenarioObserver
{
    private readonly Lock _gate = new();
    private readonly List<StepResult> _steps = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<StepResult> Steps { get { lock (_gate) return _steps.ToList(); } }
    public IReadOnlyList<string> Notes { get { lock (_gate) return _notes.ToList(); } }

    public void ScenarioStarted(Scenario scenario) { }
    public void StageStarted(int index, Stage stage) { }
    public void ScenarioFinished(ScenarioResult result) { }

    public void StepFinished(StepResult step)
    {
        lock (_gate) _steps.Add(step);
    }

    public void Note(string message)
    {
        lock (_gate) _notes.Add(message);
    }
}
