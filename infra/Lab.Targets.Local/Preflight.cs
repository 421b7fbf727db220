using Lab.Core.Model;
using Lab.Core.Services;

namespace Lab.Targets.Local;

/// <summary>Checks that fail before anything is created: privileges and the Debian packages a lab needs.</summary>
public static class Preflight
{
    /// <summary>A program or file the local target needs, and the Debian package that provides it.</summary>
    private sealed record Requirement(string Path, string Package);

    private static readonly Requirement[] Always =
    [
        new("/usr/sbin/ip", "iproute2"), new("/usr/bin/nsenter", "util-linux"), new("/usr/bin/unshare", "util-linux"),
        new("/usr/sbin/nft", "nftables"), new("/usr/bin/socat", "socat"),
    ];

    private static IEnumerable<Requirement> ForService(string service) => service switch
    {
        ServiceCatalog.Galera =>
        [
            new("/usr/sbin/mariadbd", "mariadb-server"), new("/usr/bin/mariadb", "mariadb-client"),
            new("/usr/lib/galera/libgalera_smm.so", "galera-4"), new("/usr/bin/rsync", "rsync"),
        ],
        ServiceCatalog.MariaDb => [new("/usr/sbin/mariadbd", "mariadb-server"), new("/usr/bin/mariadb", "mariadb-client")],
        ServiceCatalog.HaProxy => [new("/usr/sbin/haproxy", "haproxy")],
        ServiceCatalog.Keepalived => [new("/usr/sbin/keepalived", "keepalived")],
        _ => [],
    };

    public static void Check(LabDefinition lab)
    {
        if (!Native.IsRoot)
            throw new PreflightException("the local target creates network namespaces and mounts: run as root (sudo ./lab ...)");
        CheckPackages(lab, File.Exists);
    }

    /// <param name="exists">How a required file is looked for (tests pass a machine where something is missing).</param>
    internal static void CheckPackages(LabDefinition lab, Func<string, bool> exists)
    {
        var missing = Always.Concat(lab.Hosts.SelectMany(h => h.Services).Distinct().SelectMany(ForService))
            .Where(r => !exists(r.Path)).Select(r => r.Package).Distinct().ToList();
        if (missing.Count > 0)
            throw new PreflightException($"missing Debian packages: {string.Join(" ", missing)}; install them with: scripts/install-packages (or apt-get install {string.Join(" ", missing)})");
    }

    public static void RequireRoot()
    {
        if (!Native.IsRoot)
            throw new PreflightException("this needs root (network namespaces and mounts): run it with sudo");
    }
}

public sealed class PreflightException(string message) : Exception(message);
