using System.Diagnostics;
using System.Net;
using Lab.Core.Endpoints;
using Lab.Core.Errors;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Status;
using Lab.Core.Targets;
using Lab.Core.Waits;
using Lab.Instances;
using Lab.Targets.Local;
using Lab.Targets.Machines;
using Lab.Targets.Vm;

namespace Lab.Testing;

/// <summary>
/// A real lab for a test: brought up by <see cref="StartAsync(string, LabEnvironmentOptions?, CancellationToken)"/> on the
/// same fast path as `lab up`, reachable from the test process on 127.0.0.1 (<see cref="Entry"/>, <see cref="Endpoint"/>,
/// <see cref="ConnectionString"/>), broken on demand (<see cref="Host"/>), checked by the lab's own health rule and
/// scenarios, and removed by <see cref="DisposeAsync"/>. No `lab` process is involved: this is the engine in-process.
/// </summary>
public sealed class LabEnvironment : IAsyncDisposable
{
    /// <summary>How long health waits wait when not told: the CLI's `lab start --wait` default.</summary>
    public static readonly TimeSpan DefaultHealthTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The application account every MariaDB lab creates (templates/*/accounts.sql.hbs).</summary>
    public const string AppUser = "app";

    private readonly LocalLayout _layout;
    private readonly TargetRegistry _targets;
    private readonly Action<string> _progress;
    private readonly FaultActions _faults;
    private LabInstance _instance;
    private bool _scenarioRan;
    private int _disposed;

    private LabEnvironment(LabInstance instance, LocalLayout layout, TargetRegistry targets, Action<string> progress, TimeSpan startup)
    {
        _instance = instance;
        _layout = layout;
        _targets = targets;
        _progress = progress;
        StartupTime = startup;
        _faults = new FaultActions(() => _instance, progress);
    }

    /// <summary>
    /// Brings <paramref name="lab"/> (a folder of labs/: galera, replication, failover...) up as a new instance and
    /// returns once it is healthy. First removes the instances of test processes on this machine that died without
    /// disposing theirs (see <see cref="TestProcessClaims"/>). On failure or timeout, whatever was made is removed.
    /// </summary>
    public static async Task<LabEnvironment> StartAsync(string lab, LabEnvironmentOptions? options = null, CancellationToken ct = default)
    {
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("a lab's hosts are Linux namespaces on this machine: Lab.Testing runs on Linux only " +
                                                    "(a Linux CI runner, WSL 2, or a Linux VM)");
        if (!Native.IsRoot)
            throw new PreflightException("Lab.Testing builds labs in namespaces on this machine, which needs root, or, without root, your " +
                                         "rootless namespaces: run the tests through them with `./lab exec -- dotnet test ...` (the library " +
                                         "cannot move there by itself: the kernel lets only a single-threaded process join a user namespace)");
        var clock = Stopwatch.StartNew();
        options ??= new LabEnvironmentOptions();
        var progress = options.Progress ?? (_ => { });
        var catalog = options.LabHome is { Length: > 0 } home ? new LabCatalog(Path.GetFullPath(home)) : LabCatalog.Locate();
        var layout = LocalLayout.Default;
        var targets = new TargetRegistry([new LocalTarget(catalog, layout), new MachinesTarget(catalog, layout), new VmTarget(catalog, layout)]);
        var target = targets.Get(options.Target);
        var definition = catalog.Load(lab);
        var name = InstanceName.Validate(options.InstanceName ?? InstanceNames.Next(options.InstancePrefix));

        await TestProcessClaims.RemoveOrphansAsync(layout, targets, progress, ct);
        if (Reaper.ExistingInstances(layout).Contains(name))
            throw new InstanceExistsException(name, InstanceRecord.TryLoad(layout, name));
        // Written before anything is made: a process killed from here on leaves a claim the next start clears up after.
        TestProcessClaims.Write(layout, new TestProcessClaims.Claim(name, ProcessIdentity.Current, definition.Name, DateTimeOffset.UtcNow));

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.Timeout);
        try
        {
            var instance = await target.UpAsync(new UpRequest(definition, name), progress, limit.Token);
            return new LabEnvironment(instance, layout, targets, progress, clock.Elapsed);
        }
        catch (Exception e) when (e is InstanceExistsException or SubnetInUseException)
        {
            // Someone else's instance: never removed from here.
            TestProcessClaims.Remove(layout, name);
            throw;
        }
        catch (Exception e)
        {
            // The target removed what it made (UpAsync cleans up after itself); make sure, then drop the claim.
            await targets.DownAsync(name, CancellationToken.None);
            TestProcessClaims.Remove(layout, name);
            if (e is OperationCanceledException && !ct.IsCancellationRequested)
                throw new TimeoutException($"lab {lab} (instance '{name}') was not up within {options.Timeout.TotalSeconds:0}s " +
                                           "(LabEnvironmentOptions.Timeout); what it had made is removed", e);
            throw;
        }
    }

    /// <summary>The instance's name (t4711x1).</summary>
    public string Name => _instance.Name;

    /// <summary>The lab's name (galera).</summary>
    public string LabName => _instance.Lab.Name;

    /// <summary>From the call to <see cref="StartAsync(string, LabEnvironmentOptions?, CancellationToken)"/> until the lab was up and healthy.</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>The engine's instance: hosts, definition with this instance's addresses, secrets.</summary>
    public LabInstance Instance => _instance;

    /// <summary>What the instance publishes on 127.0.0.1: the entry and each database server.</summary>
    public IReadOnlyList<PublishedEndpoint> Published => _instance.Published;

    /// <summary>127.0.0.1:port through the lab's entry: HAProxy (galera), the VIP (failover), the primary (replication).</summary>
    public IPEndPoint Entry => ToEndPoint(_instance.Entry ?? throw NothingPublished("an entry"));

    /// <summary>127.0.0.1:port straight to a host's database (db1), or to an endpoint by its name.</summary>
    public IPEndPoint Endpoint(string host) => ToEndPoint(Find(host));

    /// <summary>The application account's name.</summary>
    public string User => AppUser;

    /// <summary>The application account's password, generated for this instance.</summary>
    public string Password => _instance.Secrets["app_password"];

    /// <summary>
    /// A connection string for MySqlConnector or MySql.Data: through the entry, or straight to <paramref name="host"/>,
    /// as the application account.
    /// </summary>
    public string ConnectionString(string? host = null, string? database = null)
    {
        var endpoint = host is null ? Entry : Endpoint(host);
        return $"Server={endpoint.Address};Port={endpoint.Port};User ID={User};Password={Password};" + (database is null ? "" : $"Database={database};");
    }

    /// <summary>A host of the lab, for faults (kill, stop, start, pause, resume; cut, heal, impair its network).</summary>
    public HostControl Host(string name)
    {
        _instance.Host(name); // an unknown name fails here, naming the hosts there are
        return new HostControl(this, name, _faults);
    }

    /// <summary>Every host, in the lab's order.</summary>
    public IReadOnlyList<string> HostNames => _instance.Lab.Hosts.Select(h => h.Name).ToList();

    /// <summary>What `lab status` reads: every host's services, Galera state, HAProxy's backends, the VIP...; and the lab's verdict (Healthy, Problems).</summary>
    public Task<LabStatus> StatusAsync(CancellationToken ct = default) => LabStatusReader.ReadAsync(_instance, ct);

    /// <summary>Waits until the lab's health rule finds nothing wrong; throws <see cref="LabNotHealthyException"/> naming what remains.</summary>
    public Task WaitHealthyAsync(TimeSpan? timeout = null, CancellationToken ct = default) =>
        WaitForAsync("healthy", s => s.Healthy, timeout, ct);

    /// <summary>
    /// Polls the lab's status until <paramref name="condition"/> holds and returns that status; throws
    /// <see cref="LabNotHealthyException"/> with the last problems seen when <paramref name="timeout"/> passes.
    /// </summary>
    /// <param name="what">Said in the error: "db1 left the cluster".</param>
    public async Task<LabStatus> WaitForAsync(string what, Func<LabStatus, bool> condition, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var limit = timeout ?? DefaultHealthTimeout;
        LabStatus? last = null;
        try
        {
            await Until.Real.Paced(_instance.Pace).HoldsAsync($"{Name}: {what}", async c =>
            {
                last = await LabStatusReader.ReadAsync(_instance, c);
                var problems = string.Join("; ", last.Problems.Select(p => $"{p.Host}: {p.What}"));
                return new ProbeResult(condition(last), problems.Length == 0 ? "healthy" : problems);
            }, new WaitPolicy(limit, HostHealthWait.Interval), ct);
            return last!;
        }
        catch (WaitTimeoutException)
        {
            throw new LabNotHealthyException($"instance '{Name}' (lab {LabName}): not {what} after {limit.TotalSeconds:0}s", last?.Problems ?? []);
        }
    }

    /// <summary>
    /// Runs one of the lab's scenarios (labs/LAB/scenarios/NAME.yaml) on this instance, after bringing the lab back to
    /// its starting state the way `lab run` does between scenarios (a Galera lab heals in place). Failing is a result,
    /// not an exception: assert on <see cref="ScenarioOutcome.Passed"/> and show the outcome.
    /// </summary>
    public async Task<ScenarioOutcome> RunScenarioAsync(string name, CancellationToken ct = default)
    {
        var scenario = new ScenarioLoader(_instance.Lab).LoadByName(name);
        var between = BetweenScenariosRule.For(_instance.Lab);
        var until = Until.Real.Paced(_instance.Pace);
        ScenarioSuite.Preparation prepare = between switch
        {
            BetweenScenarios.HealInPlace => async (current, c) => (await new HealthRestorer(current, until, _progress).RestoreAsync(c)).Instance,
            BetweenScenarios.RestoreSteps => RestoreInPlace.Before(until, _progress, freshInstance: !_scenarioRan),
            BetweenScenarios.Recreate when _scenarioRan => (_, _) => throw new LabInputException(
                $"each {LabName} scenario starts from a new instance, and one already ran on '{Name}': start a new LabEnvironment for '{name}'"),
            _ => (current, _) => Task.FromResult(current),
        };
        ScenarioResult? result = null;
        await foreach (var entry in new ScenarioSuite(new ProgressObserver(_progress), TimeProvider.System).RunAsync(_instance, [scenario], prepare, ct))
            result = entry.Result;
        _scenarioRan = true;
        return ScenarioOutcome.From(result!);
    }

    /// <summary>Removes the instance and everything made for it (processes, namespaces, routes, files); safe to repeat.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _targets.DownAsync(Name, CancellationToken.None);
        TestProcessClaims.Remove(_layout, Name);
    }

    internal void Note(string message) => _progress(message);

    private PublishedEndpoint Find(string name) =>
        Published.FirstOrDefault(p => p.Endpoint.Name == name) ?? Published.FirstOrDefault(p => p.Endpoint.Host == name && !p.Endpoint.IsEntry)
        ?? Published.FirstOrDefault(p => p.Endpoint.Host == name)
        ?? throw NothingPublished($"'{name}'");

    private LabException NothingPublished(string what) => Published.Count == 0
        ? new LabException($"instance '{Name}' on the {_instance.Target} target publishes nothing on 127.0.0.1; only the local target does " +
                           "(LabEnvironmentOptions.Target = \"local\")")
        : new LabInputException($"instance '{Name}' publishes no {what} on 127.0.0.1; it publishes: " +
                                string.Join(", ", Published.Select(p => $"{p.Endpoint.Name} ({p.Endpoint.Purpose})")));

    private static IPEndPoint ToEndPoint(PublishedEndpoint p) => new(IPAddress.Parse(p.LocalAddress), p.LocalPort);
}
