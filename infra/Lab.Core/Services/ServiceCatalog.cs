namespace Lab.Core.Services;

/// <summary>The services a lab may name. Their configuration comes from templates; this only says how to run them.</summary>
public static class ServiceCatalog
{
    public const string Galera = "galera";
    public const string MariaDb = "mariadb";
    public const string ClusterCheck = "clustercheck";
    public const string HaProxy = "haproxy";
    public const string Keepalived = "keepalived";

    private static readonly Dictionary<string, ServiceSpec> Specs = new[]
    {
        // mariadbd stays in the foreground and drops to the mysql user itself; no mysqld_safe, so a
        // killed server stays down until a scenario starts it (as `kill -9` on a VM without restart policy).
        // After a crash (grastate seqno -1) Debian's mariadb.service first asks galera_recovery for the last
        // committed position; without it the node would rejoin with a full SST instead of an IST.
        new ServiceSpec(Galera, "mariadbd --user=mysql $(grep -qs '^seqno: *-1' /var/lib/mysql/grastate.dat && /usr/bin/galera_recovery)",
            "/var/log/mysql/error.log", "mariadb", TimeSpan.FromSeconds(90)),
        new ServiceSpec(MariaDb, "mariadbd --user=mysql", "/var/log/mysql/error.log", "mariadb", TimeSpan.FromSeconds(90)),
        // The xinetd-style Galera health check HAProxy asks on :9200 (see templates/galera/clustercheck.sh.hbs).
        new ServiceSpec(ClusterCheck, "socat TCP-LISTEN:9200,reuseaddr,fork,backlog=64 EXEC:/etc/mysql/clustercheck.sh",
            "/var/log/mysql/clustercheck.log", "clustercheck.socket", TimeSpan.FromSeconds(5)),
        new ServiceSpec(HaProxy, "haproxy -db -f /etc/haproxy/haproxy.cfg", "/var/log/haproxy/haproxy.log", "haproxy", TimeSpan.FromSeconds(10)),
        // VRRP for a virtual IP, in the foreground (-n) logging to the console (-l, -D detailed). Pid files go to the
        // host's own /run/keepalived so keepalived in other hosts (and on the machine) never see each other's.
        new ServiceSpec(Keepalived, "keepalived -n -l -G -D -P -f /etc/keepalived/keepalived.conf -p /run/keepalived/keepalived.pid -r /run/keepalived/vrrp.pid",
            "/var/log/keepalived/keepalived.log", "keepalived", TimeSpan.FromSeconds(10)),
    }.ToDictionary(s => s.Name);

    public static IReadOnlyCollection<string> Names => Specs.Keys;

    public static bool IsKnown(string name) => Specs.ContainsKey(name);

    public static ServiceSpec Get(string name) =>
        Specs.TryGetValue(name, out var spec) ? spec
            : throw new ArgumentException($"unknown service '{name}'; known services: {string.Join(", ", Specs.Keys)}");

    /// <summary>True for the MariaDB server, with or without Galera.</summary>
    public static bool IsDatabase(string name) => name is Galera or MariaDb;
}
