using Lab.Core.Instances;
using Lab.Core.Scenarios;
using Lab.Core.Status;

namespace Lab.Reports.Recording;

/// <summary>
/// Passes a run's progress on to another observer (the terminal) and, for the HTML report, samples every node's state
/// whenever the runner looks at the lab (<see cref="IScenarioWatcher"/>): at most one reading at a time, at least
/// <see cref="MinInterval"/> apart, in the background, so the run itself waits for nothing. The readings are the ones
/// `lab status` makes.
/// </summary>
public sealed class RunRecorder(IScenarioObserver inner, Func<LabInstance, CancellationToken, Task<IReadOnlyDictionary<string, Model.NodeState>>>? read = null)
    : IScenarioObserver, IScenarioWatcher, IAsyncDisposable
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly Func<LabInstance, CancellationToken, Task<IReadOnlyDictionary<string, Model.NodeState>>> _read = read ?? ReadStatusAsync;
    private readonly Dictionary<Scenario, List<StateSample>> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly object _lock = new();
    private List<StateSample>? _current;
    private Task _inFlight = Task.CompletedTask;
    private TimeSpan? _lastAt;

    /// <summary>What was sampled during <paramref name="scenario"/>, in time order.</summary>
    public IReadOnlyList<StateSample> SamplesOf(Scenario scenario)
    {
        lock (_lock) return _samples.TryGetValue(scenario, out var list) ? list.OrderBy(s => s.At).ToList() : [];
    }

    public void ScenarioStarted(Scenario scenario)
    {
        lock (_lock)
        {
            _current = [];
            _samples[scenario] = _current;
            _lastAt = null;
        }
        inner.ScenarioStarted(scenario);
    }

    public void Looking(LabInstance instance, TimeSpan at)
    {
        List<StateSample> into;
        lock (_lock)
        {
            if (_current is null || !_inFlight.IsCompleted || _stop.IsCancellationRequested) return;
            if (_lastAt is { } last && at - last < MinInterval && at >= last) return;
            _lastAt = at;
            into = _current;
            _inFlight = Task.Run(async () =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(ReadTimeout);
                try
                {
                    var states = await _read(instance, timeout.Token);
                    lock (_lock) into.Add(new StateSample(at, states));
                }
                catch (Exception)
                {
                    // A reading that failed (a host being torn down, the run interrupted) leaves a gap, never a failed run.
                }
            });
        }
    }

    public void StageStarted(int index, Stage stage) => inner.StageStarted(index, stage);

    public void StepFinished(StepResult step) => inner.StepFinished(step);

    public void ScenarioFinished(ScenarioResult result)
    {
        lock (_lock) _current = null;
        inner.ScenarioFinished(result);
    }

    public void Note(string message) => inner.Note(message);

    /// <summary>Waits for a reading still under way (bounded by its own timeout), so the report has it.</summary>
    public async Task FlushAsync()
    {
        Task pending;
        lock (_lock) pending = _inFlight;
        await pending;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await FlushAsync();
        _stop.Dispose();
    }

    private static async Task<IReadOnlyDictionary<string, Model.NodeState>> ReadStatusAsync(LabInstance instance, CancellationToken ct) =>
        NodeStates.From(await LabStatusReader.ReadAsync(instance, ct));
}
