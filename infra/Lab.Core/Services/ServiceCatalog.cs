using Lab.Core.Errors;
using Lab.Core.Model;

namespace Lab.Core.Services;

/// <summary>The services a lab may name. Their configuration comes from templates; this says how to run and install them.</summary>
public static class ServiceCatalog
{
    public const string Galera = "galera";
    public const string MariaDb = "mariadb";
    public const string ClusterCheck = "clustercheck";
    public const string HaProxy = "haproxy";
    public const string Keepalived = "keepalived";
    public const string Nginx = "nginx";
    public const string Pacemaker = "pacemaker";

    /// <summary>
    /// Every host gets the `mariadb` client (students run SQL from any of them, as in the seed), nftables (isolate),
    /// iproute2 (`tc` for impair) and curl (a client asking a web server behind LVS, as in seed 001).
    /// </summary>
    public static readonly string[] CommonPackages = ["mariadb-client", "nftables", "iproute2", "curl"];

    private static readonly string[] DatabasePackages = ["mariadb-server", "mariadb-client", "galera-4", "mariadb-backup", "rsync"];

    private static readonly RequiredFile[] Server =
        [new("/usr/sbin/mariadbd", "mariadb-server"), new("/usr/bin/mariadb", "mariadb-client")];

    // The distribution's units have no clustercheck; a socket-activated unit is the systemd form of the local
    // supervisor's `socat TCP-LISTEN:9200,fork EXEC:/etc/mysql/clustercheck.sh` (same script, one process per check).
    private const string ClusterCheckSocket =
        "# Galera-aware health check for HAProxy on :9200 (written by the lab's cloud-init).\n" +
        "[Unit]\nDescription=Galera health check for HAProxy\n\n" +
        "[Socket]\nListenStream=9200\nAccept=yes\n\n" +
        "[Install]\nWantedBy=sockets.target\n";

    private const string ClusterCheckService =
        "# One health check per connection: /etc/mysql/clustercheck.sh talks HTTP on stdin/stdout.\n" +
        "[Unit]\nDescription=Galera health check for HAProxy (one connection)\n\n" +
        "[Service]\nExecStart=/etc/mysql/clustercheck.sh\nStandardInput=socket\nStandardOutput=socket\nStandardError=journal\n";

    private static readonly Dictionary<string, ServiceSpec> Specs = new[]
    {
        // mariadbd stays in the foreground and drops to the mysql user itself; no mysqld_safe, so a
        // killed server stays down until a scenario starts it (as `kill -9` on a VM without restart policy).
        // After a crash (grastate seqno -1) Debian's mariadb.service first asks galera_recovery for the last
        // committed position; without it the node would rejoin with a full SST instead of an IST.
        // On a systemd host the package starts mariadbd with Debian's defaults: stopped, so the bring-up starts it in order.
        // Debian 12's unit writes /run/mysqld/wsrep-start-position before mariadbd starts and trusts tmpfiles for the
        // directory; on a loaded container host it was seen missing at that start ("Directory nonexistent", ~1 up in 20),
        // so systemd makes it for the unit (kept across stops, where clients and galera_new_cluster expect it).
        new ServiceSpec(Galera, "mariadbd --user=mysql $(grep -qs '^seqno: *-1' /var/lib/mysql/grastate.dat && /usr/bin/galera_recovery)",
            "/var/log/mysql/error.log", "mariadb", TimeSpan.FromSeconds(90), DatabasePackages,
            [.. Server, new("/usr/lib/galera/libgalera_smm.so", "galera-4"), new("/usr/bin/rsync", "rsync")],
            [], [["systemctl", "stop", "mariadb"]], SystemdRuntimeDirectory: "mysqld"),
        new ServiceSpec(MariaDb, "mariadbd --user=mysql", "/var/log/mysql/error.log", "mariadb", TimeSpan.FromSeconds(90), DatabasePackages,
            Server, [], [["systemctl", "stop", "mariadb"]], SystemdRuntimeDirectory: "mysqld"),
        // The xinetd-style Galera health check HAProxy asks on :9200 (see templates/galera/clustercheck.sh.hbs).
        new ServiceSpec(ClusterCheck, "socat TCP-LISTEN:9200,reuseaddr,fork,backlog=64 EXEC:/etc/mysql/clustercheck.sh",
            "/var/log/mysql/clustercheck.log", "clustercheck.socket", TimeSpan.FromSeconds(5), [], [new("/usr/bin/socat", "socat")],
            [new("/etc/systemd/system/clustercheck.socket", "0644", ClusterCheckSocket),
             new("/etc/systemd/system/clustercheck@.service", "0644", ClusterCheckService)],
            [["systemctl", "daemon-reload"], ["systemctl", "enable", "--now", "clustercheck.socket"]]),
        // socat: the runtime API's `show stat`. HAProxy is (re)started by the bring-up once the databases it checks are up.
        new ServiceSpec(HaProxy, "haproxy -db -f /etc/haproxy/haproxy.cfg", "/var/log/haproxy/haproxy.log", "haproxy", TimeSpan.FromSeconds(10),
            ["haproxy", "socat"], [new("/usr/sbin/haproxy", "haproxy"), new("/usr/bin/socat", "socat")], [], []),
        // VRRP for a virtual IP, in the foreground (-n) logging to the console (-l, -D detailed). Pid files go to the
        // host's own /run/keepalived so keepalived in other hosts (and on the machine) never see each other's.
        // keepalived's unit starts with the package and reads /etc/keepalived/keepalived.conf (written before it).
        new ServiceSpec(Keepalived, "keepalived -n -l -G -D -P -f /etc/keepalived/keepalived.conf -p /run/keepalived/keepalived.pid -r /run/keepalived/vrrp.pid",
            "/var/log/keepalived/keepalived.log", "keepalived", TimeSpan.FromSeconds(10), ["keepalived"], [new("/usr/sbin/keepalived", "keepalived")],
            [], [["systemctl", "restart", "keepalived"]],
            // Debian's unit logs to syslog only and keeps its pid in /run: to the console (the unit's output, i.e. the
            // log file) and /run/keepalived/ as the local supervisor does, so scenarios find both in the same place on
            // every target.
            SystemdExecStart: "/usr/sbin/keepalived --dont-fork --log-console --log-detail -p /run/keepalived/keepalived.pid -r /run/keepalived/vrrp.pid $DAEMON_ARGS",
            SystemdRuntimeDirectory: "keepalived"),
        // A web server for LVS's real servers (seed 001 tests the balancer with a page naming each server). Debian's
        // light build; in the foreground for the local supervisor, its own unit on a systemd host.
        new ServiceSpec(Nginx, "nginx -g 'daemon off;'", "/var/log/nginx/error.log", "nginx", TimeSpan.FromSeconds(10),
            ["nginx-light"], [new("/usr/sbin/nginx", "nginx-light")], [], [["systemctl", "stop", "nginx"]]),
        // The cluster manager of the ha-drbd lab (seed 002): Pacemaker on Corosync, configured with crmsh. The lab's own
        // setup starts it once DRBD and the rendered corosync.conf are in place; it then owns DRBD, the filesystem,
        // MariaDB and the virtual IP. Debian's packages start both with a default one-node config (node1 on
        // 127.0.0.1): stopped, and that CIB removed, before the lab's configuration is used.
        // No packages listed: they would go into the machines image too, whose containers (no DRBD there) would then
        // start Debian's Corosync at every boot. The VM image has them (VmImage.Packages); on other hosts the
        // preflight names what is missing.
        new ServiceSpec(Pacemaker, "pacemakerd", "/var/log/pacemaker/pacemaker.log", "pacemaker", TimeSpan.FromSeconds(120),
            [],
            [new("/usr/sbin/corosync", "corosync"), new("/usr/sbin/pacemakerd", "pacemaker"), new("/usr/sbin/crm", "crmsh")],
            [], [["systemctl", "stop", "pacemaker", "corosync"], ["rm", "-f", "/var/lib/pacemaker/cib/cib*"]]),
    }.ToDictionary(s => s.Name);

    public static IReadOnlyCollection<string> Names => Specs.Keys;

    public static bool IsKnown(string name) => Specs.ContainsKey(name);

    public static ServiceSpec Get(string name) =>
        Specs.TryGetValue(name, out var spec) ? spec
            : throw new LabInputException($"unknown service '{name}'; known services: {string.Join(", ", Specs.Keys)}");

    /// <summary>True for the MariaDB server, with or without Galera.</summary>
    public static bool IsDatabase(string name) => name is Galera or MariaDb;

    /// <summary>Debian packages a host needs for everything it runs.</summary>
    public static IReadOnlyList<string> PackagesFor(HostDefinition host) =>
        CommonPackages.Concat(host.Services.SelectMany(s => Get(s).Packages)).Distinct().ToList();

    /// <summary>Every package any lab service may need (the machine image installs them all once).</summary>
    public static IReadOnlyList<string> AllPackages =>
        CommonPackages.Concat(Specs.Values.SelectMany(s => s.Packages)).Distinct().Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<PlumbingFile> SystemdFilesFor(HostDefinition host) => host.Services.SelectMany(s => Get(s).SystemdFiles).ToList();

    public static IReadOnlyList<string[]> FirstBootFor(HostDefinition host) => host.Services.SelectMany(s => Get(s).FirstBoot).ToList();
}
