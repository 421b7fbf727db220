using Lab.Core.Services;

namespace Lab.Targets.Local.HostCommands;

/// <summary>One of the host's services as systemd would name it.</summary>
/// <param name="Service">The supervisor's name (galera, haproxy...).</param>
/// <param name="Unit">The unit as systemd prints it (mariadb.service, clustercheck.socket).</param>
public sealed record HostUnit(string Service, string Unit, string Description);

/// <summary>
/// Unit names as students type them (`mariadb`, `mysql.service`, `haproxy`) mapped to the services this host runs.
/// A unit the host does not run is unknown, as on a VM where its package is not installed.
/// </summary>
public sealed class HostUnits(IReadOnlyList<string> services)
{
    // Debian's mariadb package also answers to mysql.service and mysqld.service (aliases in its unit file).
    private static readonly string[] DatabaseAliases = ["mariadb", "mysql", "mysqld"];

    private static readonly Dictionary<string, string> Descriptions = new()
    {
        [ServiceCatalog.Galera] = "MariaDB database server",
        [ServiceCatalog.MariaDb] = "MariaDB database server",
        [ServiceCatalog.ClusterCheck] = "Galera health check for HAProxy",
        [ServiceCatalog.HaProxy] = "HAProxy Load Balancer",
        [ServiceCatalog.Keepalived] = "Keepalive Daemon (LVS and VRRP)",
        [ServiceCatalog.Nginx] = "A high performance web server and a reverse proxy server",
        [ServiceCatalog.Pacemaker] = "Pacemaker High Availability Cluster Manager",
    };

    /// <summary>The unit name with systemd's default suffix: `mariadb` is `mariadb.service`.</summary>
    public static string Canonical(string typed) => typed.Contains('.') ? typed : typed + ".service";

    /// <summary>The host's service behind <paramref name="typed"/>, or null when the host has no such unit.</summary>
    public HostUnit? Find(string typed)
    {
        var unit = Canonical(typed);
        var bare = unit[..unit.LastIndexOf('.')];
        foreach (var service in services.Where(ServiceCatalog.IsKnown))
        {
            var own = Canonical(ServiceCatalog.Get(service).SystemdUnit);
            var matches = own == unit || service == bare && unit.EndsWith(".service", StringComparison.Ordinal)
                || ServiceCatalog.IsDatabase(service) && DatabaseAliases.Contains(bare) && unit.EndsWith(".service", StringComparison.Ordinal);
            if (matches) return new HostUnit(service, own, Descriptions.GetValueOrDefault(service, service));
        }
        return null;
    }

    /// <summary>Every unit the host runs, for listing.</summary>
    public IEnumerable<HostUnit> All => services.Where(ServiceCatalog.IsKnown).Select(s => Find(ServiceCatalog.Get(s).SystemdUnit)!);
}
