using Lab.Core.Model;
using Lab.Core.Services;

namespace Lab.Export.Pulumi.CloudInit;

/// <summary>The Debian side of each service in <see cref="ServiceCatalog"/>: packages, systemd units, first-boot commands.</summary>
public static class VmServices
{
    /// <summary>Every host gets the `mariadb` client: students run SQL from any of them, as in the seed.</summary>
    public static readonly string[] CommonPackages = ["mariadb-client"];

    private static readonly string[] DatabasePackages = ["mariadb-server", "mariadb-client", "galera-4", "mariadb-backup", "rsync"];

    // The distribution's units have no clustercheck; a socket-activated unit is the systemd form of the local
    // target's `socat TCP-LISTEN:9200,fork EXEC:/etc/mysql/clustercheck.sh` (same script, one process per check).
    private const string ClusterCheckSocket =
        "# Galera-aware health check for HAProxy on :9200 (written by the lab's cloud-init).\n" +
        "[Unit]\nDescription=Galera health check for HAProxy\n\n" +
        "[Socket]\nListenStream=9200\nAccept=yes\n\n" +
        "[Install]\nWantedBy=sockets.target\n";

    private const string ClusterCheckService =
        "# One health check per connection: /etc/mysql/clustercheck.sh talks HTTP on stdin/stdout.\n" +
        "[Unit]\nDescription=Galera health check for HAProxy (one connection)\n\n" +
        "[Service]\nExecStart=/etc/mysql/clustercheck.sh\nStandardInput=socket\nStandardOutput=socket\nStandardError=journal\n";

    private static readonly Dictionary<string, VmService> Services = new VmService[]
    {
        // The package starts mariadbd with Debian's defaults; stop it so the bring-up starts the cluster in order.
        new(ServiceCatalog.Galera, DatabasePackages, [], [["systemctl", "stop", "mariadb"]]),
        new(ServiceCatalog.MariaDb, DatabasePackages, [], [["systemctl", "stop", "mariadb"]]),
        new(ServiceCatalog.ClusterCheck, [],
            [new("/etc/systemd/system/clustercheck.socket", "0644", ClusterCheckSocket),
             new("/etc/systemd/system/clustercheck@.service", "0644", ClusterCheckService)],
            [["systemctl", "daemon-reload"], ["systemctl", "enable", "--now", "clustercheck.socket"]]),
        // HAProxy is restarted by the bring-up once the databases it checks are up.
        new(ServiceCatalog.HaProxy, ["haproxy"], [], []),
        // keepalived's unit starts with the package and reads /etc/keepalived/keepalived.conf (written before it).
        new(ServiceCatalog.Keepalived, ["keepalived"], [], [["systemctl", "restart", "keepalived"]]),
    }.ToDictionary(s => s.Name);

    public static VmService For(string service) =>
        Services.TryGetValue(service, out var spec) ? spec
            : throw new InvalidOperationException($"service '{service}' has no Azure VM setup yet; known: {string.Join(", ", Services.Keys)}");

    public static IReadOnlyList<string> PackagesFor(HostDefinition host) =>
        CommonPackages.Concat(host.Services.SelectMany(s => For(s).Packages)).Distinct().ToList();

    public static IReadOnlyList<PlumbingFile> FilesFor(HostDefinition host) => host.Services.SelectMany(s => For(s).Files).ToList();

    public static IReadOnlyList<string[]> FirstBootFor(HostDefinition host) => host.Services.SelectMany(s => For(s).FirstBoot).ToList();
}
