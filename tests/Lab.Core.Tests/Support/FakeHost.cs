using System.Text.RegularExpressions;
using Lab.Core.Haproxy;
using Lab.Core.Hosts;
using Lab.Core.Model;
using Lab.Core.Services;

namespace Lab.Core.Tests.Support;

/// <summary>A command the engine ran on a fake host, with what it fed on stdin.</summary>
public sealed record FakeCommand(string Command, string? Stdin);

/// <summary>
/// An <see cref="ILabHost"/> over in-memory state, for running the real scenario engine without root, namespaces or
/// time passing. Commands are answered in this order: the test's <see cref="OnCommand"/> scripts (newest first), the
/// <c>mariadb</c> client (<see cref="Sql"/>, or the server it is routed to), HAProxy's <c>show stat</c>, <c>ip addr</c>
/// for eth0, stat/tail on files and logs, then <see cref="Fallback"/>. Every command is kept in <see cref="Commands"/>.
/// Waits (a server's <see cref="FakeSql.Delay"/>, a paused server, a refused connection) run on the injected clock.
/// </summary>
public sealed partial class FakeHost : ILabHost
{
    private const string AddrCommand = "ip -4 -o addr show dev eth0";
    private const int TimedOutExitCode = 124; // what the real targets return when a command outlives its timeout

    /// <summary>What a refused connection costs the client: starting the client process and getting the reset.</summary>
    public static readonly TimeSpan RefusedConnection = TimeSpan.FromMilliseconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;
    private readonly List<FakeCommand> _commands = [];
    private readonly List<(Regex Pattern, Func<Match, FakeCommand, CommandResult> Answer)> _scripts = [];
    private readonly List<bool> _isolationChanges = [];
    private readonly List<LinkImpairment?> _linkChanges = [];
    private readonly List<Action<bool>> _isolationHooks = [];
    private readonly List<Action<FakeCommand, CommandResult>> _doneHooks = [];
    private readonly List<Action<FakeCommand>> _waitingHooks = [];
    private readonly List<string> _extraAddresses = [];
    private (string Address, Func<FakeHost?> Server)? _sqlRoute;

    public FakeHost(HostDefinition definition, TimeProvider clock, int firstPid = 1000)
    {
        Definition = definition;
        _clock = clock;
        Services = new FakeServices(definition.Name, definition.Services, firstPid);
        Sql = new FakeSql(definition.Name, clock);
    }

    public HostDefinition Definition { get; }
    public string Name => Definition.Name;
    public FakeServices Services { get; }
    public FakeFiles Files { get; } = new();
    public FakeSql Sql { get; }
    public FakeHaproxy Haproxy { get; } = new();

    /// <summary>Answers commands nothing else knows; by default they succeed with no output.</summary>
    public Func<FakeCommand, CommandResult> Fallback { get; set; } = _ => new CommandResult(0, "", "");

    public IReadOnlyList<FakeCommand> Commands { get { lock (_gate) return _commands.ToList(); } }

    public bool Isolated { get { lock (_gate) return _isolationChanges.LastOrDefault(); } }

    /// <summary>Every SetIsolated call, in order (true: cut off, false: healed).</summary>
    public IReadOnlyList<bool> IsolationChanges { get { lock (_gate) return _isolationChanges.ToList(); } }

    /// <summary>Every ImpairLink call, in order (null: removal), whether or not its `tc` succeeded.</summary>
    public IReadOnlyList<LinkImpairment?> LinkChanges { get { lock (_gate) return _linkChanges.ToList(); } }

    /// <summary>The host's first service, whose log the engine marks and tails.</summary>
    public string MainService => Definition.Services.Count > 0 ? Definition.Services[0] : throw new InvalidOperationException($"{Name} runs no service");

    public string MainLog => ServiceCatalog.Get(MainService).LogPath;

    /// <summary>A line in the main service's log, as the service would write it.</summary>
    public void Log(string line) => Files.Append(MainLog, line.EndsWith('\n') ? line : line + "\n");

    public void OnCommand(Regex pattern, Func<Match, FakeCommand, CommandResult> answer)
    {
        lock (_gate) _scripts.Insert(0, (pattern, answer));
    }

    /// <summary>Runs after each command has its answer, before the engine gets it.</summary>
    public void OnCommandDone(Action<FakeCommand, CommandResult> hook)
    {
        lock (_gate) _doneHooks.Add(hook);
    }

    /// <summary>
    /// Runs when answering a command starts waiting on the clock (a server's latency, a paused server, a refused
    /// connection), once the timer is armed: code running beside the engine can tell its wait has begun.
    /// </summary>
    public void OnWaiting(Action<FakeCommand> hook)
    {
        lock (_gate) _waitingHooks.Add(hook);
    }

    public void OnStart(string service, Action<IReadOnlyList<string>> hook) =>
        Services.OnChange(e => { if (e.Service == service && e.Change == FakeServiceChange.Started) hook(e.Args); });

    public void OnIsolationChanged(Action<bool> hook)
    {
        lock (_gate) _isolationHooks.Add(hook);
    }

    /// <summary>
    /// This host's <c>mariadb</c> connects to <paramref name="address"/> (HAProxy, a virtual IP) and reaches the server
    /// <paramref name="server"/> picks at each connection, or cannot connect when it picks none.
    /// </summary>
    public void RouteSqlTo(string address, Func<FakeHost?> server)
    {
        lock (_gate) _sqlRoute = (address, server);
    }

    /// <summary>An extra address on eth0 (a virtual IP keepalived added).</summary>
    public void AddAddress(string address)
    {
        lock (_gate) if (!_extraAddresses.Contains(address)) _extraAddresses.Add(address);
    }

    public void RemoveAddress(string address)
    {
        lock (_gate) _extraAddresses.Remove(address);
    }

    public bool HasAddress(string address)
    {
        lock (_gate) return Definition.Address == address || _extraAddresses.Contains(address);
    }

    public async Task<CommandResult> RunAsync(string command, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        var run = new FakeCommand(command, stdin);
        lock (_gate) _commands.Add(run);
        var result = await AnswerAsync(run, timeout, ct);
        List<Action<FakeCommand, CommandResult>> hooks;
        lock (_gate) hooks = _doneHooks.ToList();
        foreach (var hook in hooks) hook(run, result);
        return result;
    }

    private async Task<CommandResult> AnswerAsync(FakeCommand run, TimeSpan? timeout, CancellationToken ct)
    {
        var command = run.Command;
        List<(Regex Pattern, Func<Match, FakeCommand, CommandResult> Answer)> scripts;
        lock (_gate) scripts = _scripts.ToList();
        foreach (var (pattern, answer) in scripts)
            if (pattern.Match(command) is { Success: true } m) return answer(m, run);
        if (MariaDbClient().Match(command) is { Success: true } client)
            return await ClientAsync(run, client.Groups["args"].Value.Trim(), client.Groups["file"].Value, timeout ?? TimeSpan.FromSeconds(60), ct);
        if (command == HaproxyBackend.ShowStatCommand)
            return Definition.Runs(ServiceCatalog.HaProxy) && Services.Status(ServiceCatalog.HaProxy).State == ServiceState.Running
                ? new CommandResult(0, Haproxy.ShowStat(), "")
                : new CommandResult(1, "", $"socat[1] E connect(5, AF=1 \"{HaproxyBackend.SocketPath}\", 26): Connection refused\n");
        if (command == AddrCommand) return new CommandResult(0, Eth0(), "");
        return FakeFileCommands.TryAnswer(command, Files) ?? Fallback(run);
    }

    public Task WriteFileAsync(string path, string content, string mode, string owner, CancellationToken ct = default)
    {
        Files.Write(path, content, mode, owner);
        return Task.CompletedTask;
    }

    public Task<string?> ReadFileAsync(string path, CancellationToken ct = default) => Task.FromResult(Files.Read(path));

    public Task StartAsync(string service, IReadOnlyList<string>? extraArgs = null, CancellationToken ct = default)
    {
        Services.Start(service, extraArgs ?? []);
        return Task.CompletedTask;
    }

    public Task StopAsync(string service, CancellationToken ct = default)
    {
        Services.Stop(service);
        return Task.CompletedTask;
    }

    public Task SignalAsync(string service, ServiceSignal signal, CancellationToken ct = default)
    {
        Services.Signal(service, signal);
        return Task.CompletedTask;
    }

    public Task<ServiceStatus> StatusAsync(string service, CancellationToken ct = default) => Task.FromResult(Services.Status(service));

    public Task SetIsolatedAsync(bool isolated, CancellationToken ct = default)
    {
        List<Action<bool>> hooks;
        lock (_gate)
        {
            _isolationChanges.Add(isolated);
            hooks = _isolationHooks.ToList();
        }
        foreach (var hook in hooks) hook(isolated);
        return Task.CompletedTask;
    }

    /// <summary>Recorded, then the real `tc` commands of every host kind, answered like any command (a test scripts tc's errors).</summary>
    public Task ImpairLinkAsync(LinkImpairment? impairment, CancellationToken ct = default)
    {
        lock (_gate) _linkChanges.Add(impairment);
        return NetemLink.ImpairAsync(this, impairment, ct);
    }

    // `mariadb [options]` with the SQL on stdin, or `mariadb < FILE` (how bring-up loads the accounts file).
    [GeneratedRegex(@"^mariadb(?<args>(?:\s+-\S+)*)\s*(?:<\s*(?<file>\S+))?\s*$")]
    private static partial Regex MariaDbClient();

    private async Task<CommandResult> ClientAsync(FakeCommand run, string args, string file, TimeSpan timeout, CancellationToken ct)
    {
        var input = run.Stdin ?? "";
        if (file.Length > 0)
        {
            if (Files.Read(file) is not { } text) return new CommandResult(2, "", $"sh: 1: cannot open {file}: No such file\n");
            input = text;
        }
        void Waiting() => RaiseWaiting(run);
        (string Address, Func<FakeHost?> Server)? route;
        lock (_gate) route = _sqlRoute;
        if (route is not { } r) return await ServeAsync(args, input, timeout, null, Waiting, ct);
        if (r.Server() is { } server) return await server.ServeAsync(args, input, timeout, r.Address, Waiting, ct);
        await WaitAsync(RefusedConnection, Waiting, ct);
        return Refused(SqlError.CannotConnectTo(r.Address));
    }

    /// <summary>This host's server answering a client, local (<paramref name="remoteAddress"/> null) or over the network.</summary>
    private async Task<CommandResult> ServeAsync(string args, string input, TimeSpan timeout, string? remoteAddress, Action waiting, CancellationToken ct)
    {
        var database = Definition.Services.FirstOrDefault(ServiceCatalog.IsDatabase);
        var state = database is null ? ServiceState.Running : Services.Status(database).State;
        if (state == ServiceState.Stopped)
        {
            if (remoteAddress is null) return Refused(SqlError.CannotConnectLocally);
            await WaitAsync(RefusedConnection, waiting, ct);
            return Refused(SqlError.CannotConnectTo(remoteAddress));
        }
        if (state == ServiceState.Paused)
        {
            // A stopped (SIGSTOP) server accepts the connection and never answers: the client waits out its timeout.
            await WaitAsync(timeout, waiting, ct);
            return new CommandResult(TimedOutExitCode, "", $"timed out after {timeout.TotalSeconds:0.#}s; ");
        }
        return await Sql.RunAsync(args, input, ct, waiting);
    }

    private async Task WaitAsync(TimeSpan by, Action waiting, CancellationToken ct) =>
        await new AwaitThenSignal(Task.Delay(by, _clock, ct), waiting);

    private void RaiseWaiting(FakeCommand run)
    {
        List<Action<FakeCommand>> hooks;
        lock (_gate) hooks = _waitingHooks.ToList();
        foreach (var hook in hooks) hook(run);
    }

    private static CommandResult Refused(SqlError error) => new(1, "", error.Render(1) + "\n");

    private string Eth0()
    {
        List<string> extra;
        lock (_gate) extra = _extraAddresses.ToList();
        var lines = new List<string> { $"2: eth0    inet {Definition.Address}/24 brd {BroadcastOf(Definition.Address)} scope global eth0\\       valid_lft forever preferred_lft forever" };
        lines.AddRange(extra.Select(a => $"2: eth0    inet {a}/32 scope global eth0\\       valid_lft forever preferred_lft forever"));
        return string.Join('\n', lines) + "\n";
    }

    private static string BroadcastOf(string address) => address[..(address.LastIndexOf('.') + 1)] + "255";
}
