namespace Lab.Core.Services;

/// <summary>
/// The drop-in every lab service's distribution unit gets on a systemd host, whoever writes it (the ssh target's
/// provisioning, the Azure program's cloud-init): one definition, so a lab built either way behaves the same.
/// </summary>
public static class SystemdDropIn
{
    public static string UnitOf(string service)
    {
        var unit = ServiceCatalog.Get(service).SystemdUnit;
        return unit.Contains('.') ? unit : unit + ".service";
    }

    public static bool IsSocket(string service) => UnitOf(service).EndsWith(".socket", StringComparison.Ordinal);

    public static string PathOf(string service) => $"/etc/systemd/system/{UnitOf(service)}.d/50-lab.conf";

    /// <summary>
    /// Debian's units restart a crashed server (mariadb: Restart=on-abnormal, haproxy: Restart=always); a scenario's
    /// kill must leave it down until the scenario starts it. Output goes to the service's log file, where the
    /// scenarios' log expectations read it (as on the local target), instead of only the journal.
    /// </summary>
    public static string Content(string service)
    {
        var spec = ServiceCatalog.Get(service);
        var log = spec.LogPath;
        return "# Written by `lab up`: a killed service stays down until started; output in the lab's log file.\n" +
               "[Service]\nRestart=no\n" +
               $"StandardOutput=append:{log}\nStandardError=append:{log}\n" +
               (spec.SystemdExecStart is { } exec ? $"ExecStart=\nExecStart={exec}\n" : "") +
               (spec.SystemdRuntimeDirectory is { } run ? $"RuntimeDirectory={run}\nRuntimeDirectoryPreserve=yes\n" : "");
    }

    /// <summary>The drop-ins of a host's services that are not socket units.</summary>
    public static IReadOnlyList<PlumbingFile> For(Model.HostDefinition host) =>
        host.Services.Where(s => !IsSocket(s)).Select(s => new PlumbingFile(PathOf(s), "0644", Content(s))).ToList();
}
