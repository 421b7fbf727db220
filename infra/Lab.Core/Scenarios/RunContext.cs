using Lab.Core.Instances;
using Lab.Core.Services;
using Lab.Core.Workload;

namespace Lab.Core.Scenarios;

/// <summary>What a scenario run carries between steps: log marks, the running writer, and the faults to undo at its end.</summary>
public sealed class RunContext(LabInstance instance)
{
    private readonly Dictionary<string, long> _marks = new();
    private readonly List<UndoAtEnd> _undo = [];

    public LabInstance Instance { get; } = instance;
    public WriteWorkload? Workload { get; set; }
    public WorkloadReport? WorkloadReport { get; set; }
    public SafetyWorkloads Safety { get; } = new();

    /// <summary>The values `save` actions stored, for `value` expectations.</summary>
    public SavedValues Saved { get; } = new();

    /// <summary>The named SQL sessions the run opened; each one's end is registered with <see cref="UndoAtEnd"/>.</summary>
    public Sessions.ScenarioSessions Sessions { get; } = new();

    public long MarkOf(string host) => _marks.GetValueOrDefault(host);
    public void SetMark(string host, long offset) => _marks[host] = offset;

    /// <summary>
    /// Registers a temporary fault (e.g. an impaired link) to undo when the scenario ends, whether it passed or failed.
    /// Registered before the fault is put in place, so one that half worked is undone too; undoing must be idempotent.
    /// Registering a key again keeps one entry.
    /// </summary>
    public void UndoAtEnd(string key, string description, Func<CancellationToken, Task> undo)
    {
        lock (_undo)
        {
            _undo.RemoveAll(u => u.Key == key);
            _undo.Add(new UndoAtEnd(key, description, undo));
        }
    }

    /// <summary>The scenario undid the fault itself (e.g. unimpair): nothing left to do at the end.</summary>
    public void Undone(string key)
    {
        lock (_undo) _undo.RemoveAll(u => u.Key == key);
    }

    /// <summary>What is still to undo, the most recent first, emptied as it is taken.</summary>
    public IReadOnlyList<UndoAtEnd> TakeUndo()
    {
        lock (_undo)
        {
            var pending = Enumerable.Reverse(_undo).ToList();
            _undo.Clear();
            return pending;
        }
    }

    /// <summary>The log of the host's main service (its first), e.g. /var/log/mysql/error.log on a database node.</summary>
    public string LogOf(string host)
    {
        var service = Instance.Host(host).Definition.Services.FirstOrDefault()
            ?? throw new Lab.Core.Errors.LabInputException($"{host} runs no service, so it has no service log");
        return ServiceCatalog.Get(service).LogPath;
    }
}

/// <summary>A temporary fault to undo at the end of a run: <see cref="Description"/> is its line in the timeline.</summary>
public sealed record UndoAtEnd(string Key, string Description, Func<CancellationToken, Task> Undo);
