using Lab.Core.Hosts;

namespace Lab.Targets.Local.HostCommands;

/// <summary>systemd's view of a unit: active, inactive or failed, with the main process and since when.</summary>
public sealed record UnitState(string Active, string Sub, int Pid, DateTime? Since)
{
    public bool IsActive => Active == "active";

    /// <summary>
    /// Running (or paused: systemd still calls a stopped process active) is active; a pid file whose process died on
    /// its own is failed (the supervisor removes the file on every stop and kill it does itself); no pid file is inactive.
    /// </summary>
    public static UnitState Read(ServiceSupervisor supervisor, string service)
    {
        var status = supervisor.Status(service);
        var pidFile = supervisor.PidFile(service);
        DateTime? since = File.Exists(pidFile) ? File.GetLastWriteTimeUtc(pidFile) : null;
        return status.State switch
        {
            ServiceState.Running or ServiceState.Paused => new UnitState("active", "running", status.Pid, since),
            _ when since is not null => new UnitState("failed", "Result: exit-code", 0, since),
            _ => new UnitState("inactive", "dead", 0, null),
        };
    }
}
