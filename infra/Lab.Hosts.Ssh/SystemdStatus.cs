using Lab.Core.Hosts;

namespace Lab.Hosts.Ssh;

/// <summary>Reads `systemctl show -p MainPID,ActiveState,SubState` (plus the process state letter) into a service status.</summary>
public static class SystemdStatus
{
    public static ServiceStatus Parse(string service, string text)
    {
        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        var active = fields.GetValueOrDefault("ActiveState", "");
        var pid = int.TryParse(fields.GetValueOrDefault("MainPID"), out var p) ? p : 0;
        // activating: starting (e.g. a joiner during its state transfer) counts as running, as a started process does locally.
        if (active is not ("active" or "activating" or "reloading" or "deactivating")) return new ServiceStatus(service, ServiceState.Stopped, 0);
        return fields.GetValueOrDefault("ProcState") is "T" or "t"
            ? new ServiceStatus(service, ServiceState.Paused, pid)
            : new ServiceStatus(service, ServiceState.Running, pid);
    }
}
