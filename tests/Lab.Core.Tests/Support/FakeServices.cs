using Lab.Core.Hosts;

namespace Lab.Core.Tests.Support;

public enum FakeServiceChange { Started, Stopped, Killed, Paused, Resumed }

/// <summary>One thing that happened to a fake service, with the extra arguments of a start.</summary>
public sealed record FakeServiceEvent(string Service, FakeServiceChange Change, IReadOnlyList<string> Args)
{
    public override string ToString() => $"{Change} {Service}" + (Args.Count > 0 ? $" {string.Join(' ', Args)}" : "");
}

/// <summary>
/// A host's services as state and pid, following the local supervisor's rules (no restart policy; starting a running
/// service or signalling a stopped one is an error), so the engine is held to what a real target allows.
/// </summary>
public sealed class FakeServices
{
    private readonly Lock _gate = new();
    private readonly string _host;
    private readonly Dictionary<string, ServiceStatus> _status;
    private readonly List<FakeServiceEvent> _history = [];
    private readonly List<Action<FakeServiceEvent>> _hooks = [];
    private int _nextPid;

    public FakeServices(string host, IEnumerable<string> services, int firstPid)
    {
        _host = host;
        _nextPid = firstPid;
        _status = services.ToDictionary(s => s, s => new ServiceStatus(s, ServiceState.Stopped, 0));
    }

    /// <summary>Everything the engine did to this host's services, in order.</summary>
    public IReadOnlyList<FakeServiceEvent> History { get { lock (_gate) return _history.ToList(); } }

    /// <summary>The extra arguments of each start of <paramref name="service"/>, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Starts(string service) =>
        History.Where(e => e.Service == service && e.Change == FakeServiceChange.Started).Select(e => e.Args).ToList();

    /// <summary>Runs after every change, outside the lock, so a hook may change other hosts (e.g. a cluster's size).</summary>
    public void OnChange(Action<FakeServiceEvent> hook)
    {
        lock (_gate) _hooks.Add(hook);
    }

    public ServiceStatus Status(string service)
    {
        lock (_gate) return _status[Known(service)];
    }

    /// <summary>Test set-up: puts a service in a state without recording an event or running hooks.</summary>
    public void Set(string service, ServiceState state)
    {
        lock (_gate) _status[Known(service)] = new ServiceStatus(service, state, state == ServiceState.Stopped ? 0 : ++_nextPid);
    }

    public void Start(string service, IReadOnlyList<string> args)
    {
        Change(service, FakeServiceChange.Started, args, current =>
            current.State == ServiceState.Stopped ? new ServiceStatus(service, ServiceState.Running, ++_nextPid)
                : throw new InvalidOperationException($"{_host}: {service} is already {current}"));
    }

    /// <summary>A clean stop; stopping a stopped service does nothing, as on the real targets.</summary>
    public void Stop(string service)
    {
        if (Status(service).State == ServiceState.Stopped) return;
        Change(service, FakeServiceChange.Stopped, [], _ => new ServiceStatus(service, ServiceState.Stopped, 0));
    }

    public void Signal(string service, ServiceSignal signal)
    {
        var change = signal switch
        {
            ServiceSignal.Kill => FakeServiceChange.Killed,
            ServiceSignal.Pause => FakeServiceChange.Paused,
            _ => FakeServiceChange.Resumed,
        };
        Change(service, change, [], current => current.State == ServiceState.Stopped
            ? throw new InvalidOperationException($"{_host}: {service} is not running")
            : signal switch
            {
                ServiceSignal.Kill => new ServiceStatus(service, ServiceState.Stopped, 0),
                ServiceSignal.Pause => current with { State = ServiceState.Paused },
                _ => current with { State = ServiceState.Running },
            });
    }

    private void Change(string service, FakeServiceChange change, IReadOnlyList<string> args, Func<ServiceStatus, ServiceStatus> next)
    {
        FakeServiceEvent happened;
        List<Action<FakeServiceEvent>> hooks;
        lock (_gate)
        {
            _status[Known(service)] = next(_status[service]);
            happened = new FakeServiceEvent(service, change, args.ToList());
            _history.Add(happened);
            hooks = _hooks.ToList();
        }
        foreach (var hook in hooks) hook(happened);
    }

    // A service the host's role does not run is an engine bug (wrong host or wrong service), never silently accepted.
    private string Known(string service) => _status.ContainsKey(service) ? service
        : throw new ArgumentException($"{_host} does not run '{service}'; it runs: {string.Join(", ", _status.Keys)}");
}
