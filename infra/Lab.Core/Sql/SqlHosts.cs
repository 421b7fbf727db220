using Lab.Core.Model;
using Lab.Core.Services;

namespace Lab.Core.Sql;

/// <summary>
/// Which hosts of a lab can answer SQL with their own <c>mariadb</c> client: those running a MariaDB server and those
/// given a MariaDB configuration (a client's <c>[client]</c> file pointing at HAProxy, a VIP or the primary; a
/// Pacemaker node's server config). Elsewhere (haproxy, an LVS director) the client would only try a local socket
/// that no server listens on.
/// </summary>
public static class SqlHosts
{
    private const string MariaDbConfigDir = "/etc/mysql/";

    public static bool CanAnswer(HostDefinition host) =>
        host.Services.Any(ServiceCatalog.IsDatabase)
        || host.Files.Any(f => f.Path.StartsWith(MariaDbConfigDir, StringComparison.Ordinal) && f.Path.EndsWith(".cnf", StringComparison.Ordinal));

    /// <summary>The names of the lab's hosts that can answer SQL, in the lab's order.</summary>
    public static IReadOnlyList<string> In(LabDefinition lab) => lab.Hosts.Where(CanAnswer).Select(h => h.Name).ToList();

    /// <summary>The one line `lab sql` prints for a host that cannot answer SQL.</summary>
    public static string WhyNot(LabDefinition lab, HostDefinition host)
    {
        var able = In(lab);
        var where = able.Count == 0
            ? $"no host of the {lab.Name} lab can"
            : $"run SQL on {Join(able)} instead";
        return $"{host.Name} has no MariaDB server and no MariaDB client configuration, so `mariadb` there has nothing to connect to; {where}";
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
}
