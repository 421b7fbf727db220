namespace Lab.Targets.Local.HostCommands;

/// <summary>
/// systemd's verbs on one host's services, done by the supervisor, with systemd's messages and exit codes. Each
/// returns the exit code the real `systemctl` would.
/// </summary>
public sealed class HostServiceSession(ServiceSupervisor supervisor, string host, HostUnits units, TextWriter stdout, TextWriter stderr)
{
    public TextWriter Out => stdout;
    public TextWriter Error => stderr;
    public HostUnits Units => units;

    public async Task<int> StartAsync(string typed, IReadOnlyList<string>? extraArgs, CancellationToken ct, string verb = "start")
    {
        if (units.Find(typed) is not { } unit)
            return Fail(5, $"Failed to {verb} {HostUnits.Canonical(typed)}: Unit {HostUnits.Canonical(typed)} not found.");
        if (Read(unit).IsActive) return 0; // systemd: starting a running unit does nothing
        await supervisor.StartAsync(unit.Service, extraArgs, ct);
        if (await StartWait.ReadyAsync(supervisor, unit.Service, ct)) return 0;
        return Fail(1, $"Job for {unit.Unit} failed because the control process exited with error code.\n" +
                       $"See \"systemctl status {unit.Unit}\" and \"journalctl -xeu {unit.Unit}\" for details.");
    }

    public async Task<int> StopAsync(string typed, CancellationToken ct)
    {
        if (units.Find(typed) is not { } unit)
            return Fail(5, $"Failed to stop {HostUnits.Canonical(typed)}: Unit {HostUnits.Canonical(typed)} not loaded.");
        await supervisor.StopAsync(unit.Service, ct);
        return 0;
    }

    public async Task<int> RestartAsync(string typed, IReadOnlyList<string>? extraArgs, CancellationToken ct)
    {
        if (units.Find(typed) is not { } unit)
            return Fail(5, $"Failed to restart {HostUnits.Canonical(typed)}: Unit {HostUnits.Canonical(typed)} not found.");
        await supervisor.StopAsync(unit.Service, ct);
        return await StartAsync(typed, extraArgs, ct, "restart");
    }

    /// <summary>0 running, 3 not running, 4 no such unit.</summary>
    public int Status(string typed, int logLines)
    {
        if (units.Find(typed) is not { } unit)
            return Fail(4, $"Unit {HostUnits.Canonical(typed)} could not be found.");
        var state = Read(unit);
        var log = LogTail.Read(Lab.Core.Services.ServiceCatalog.Get(unit.Service).LogPath, logLines);
        stdout.Write(UnitStatusView.Render(unit, state, host, state.Pid > 0 ? UnitStatusView.CommandLine(state.Pid) : null, log, DateTime.UtcNow));
        return state.IsActive ? 0 : 3;
    }

    /// <summary>Prints active, inactive or failed (unless quiet): 0 when active, else 3, as systemd does.</summary>
    public int IsActive(string typed, bool quiet)
    {
        var state = StateOf(typed).Active;
        if (!quiet) stdout.WriteLine(state);
        return state == "active" ? 0 : 3;
    }

    /// <summary>The unit's state; a unit the host does not run is inactive, as systemd reports it.</summary>
    public UnitState StateOf(string typed) =>
        units.Find(typed) is { } unit ? Read(unit) : new UnitState("inactive", "dead", 0, null);

    /// <summary>A socket unit's service listens rather than runs (clustercheck.socket on a systemd host).</summary>
    private UnitState Read(HostUnit unit)
    {
        var state = UnitState.Read(supervisor, unit.Service);
        return unit.Unit.EndsWith(".socket", StringComparison.Ordinal) && state.Sub == "running" ? state with { Sub = "listening" } : state;
    }

    public int Fail(int code, string message)
    {
        stderr.WriteLine(message);
        return code;
    }
}
