using Lab.Core.Scenarios;

namespace Lab.Core.Tests.Support;

/// <summary>Keeps what a run reported: the steps as they finished, and the notes (e.g. a failover's choice).</summary>
public sealed class RecordingObserver : IScenarioObserver
{
    private readonly Lock _gate = new();
    private readonly List<StepResult> _steps = [];
    private readonly List<string> _notes = [];
    private readonly List<string> _started = [];
    private readonly List<ScenarioResult> _finished = [];

    public IReadOnlyList<StepResult> Steps { get { lock (_gate) return _steps.ToList(); } }
    public IReadOnlyList<string> Notes { get { lock (_gate) return _notes.ToList(); } }

    /// <summary>The names of the scenarios reported started, in order.</summary>
    public IReadOnlyList<string> Started { get { lock (_gate) return _started.ToList(); } }

    public IReadOnlyList<ScenarioResult> Finished { get { lock (_gate) return _finished.ToList(); } }

    public void ScenarioStarted(Scenario scenario)
    {
        lock (_gate) _started.Add(scenario.Name);
    }

    public void StageStarted(int index, Stage stage) { }

    public void ScenarioFinished(ScenarioResult result)
    {
        lock (_gate) _finished.Add(result);
    }

    public void StepFinished(StepResult step)
    {
        lock (_gate) _steps.Add(step);
    }

    public void Note(string message)
    {
        lock (_gate) _notes.Add(message);
    }
}
