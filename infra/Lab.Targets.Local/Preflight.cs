using Lab.Core.Errors;
using Lab.Core.Model;
using Lab.Core.Services;
using Lab.Instances;

namespace Lab.Targets.Local;

/// <summary>Checks that fail before anything is created: privileges and the Debian packages a lab needs.</summary>
public static class Preflight
{
    /// <summary>What the namespaces themselves need, whatever the lab runs.</summary>
    private static readonly RequiredFile[] Always =
    [
        new("/usr/sbin/ip", "iproute2"), new("/usr/bin/nsenter", "util-linux"), new("/usr/bin/unshare", "util-linux"),
        new("/usr/sbin/nft", "nftables"), new("/usr/bin/socat", "socat"), new("/usr/bin/mariadb", "mariadb-client"),
        new("/usr/bin/curl", "curl"),
    ];

    public static void Check(LabDefinition lab, LocalLayout layout)
    {
        RequireRoot();
        CheckPackages(lab, File.Exists);
        CheckStateRoot(lab, layout.StateRoot);
    }

    /// <summary>
    /// Every host's private directories and its services' pid files live under the state directory; a host that mounts
    /// its own directory over it (its /tmp over a state directory in /tmp) would no longer see them.
    /// </summary>
    internal static void CheckStateRoot(LabDefinition lab, string stateRoot)
    {
        var state = Path.GetFullPath(stateRoot).TrimEnd('/') + "/";
        var covering = lab.Hosts.SelectMany(h => h.Mounts.Select(m => (Host: h.Name, Mount: m)))
            .FirstOrDefault(x => state.StartsWith(x.Mount.TrimEnd('/') + "/", StringComparison.Ordinal));
        if (covering.Mount is not null)
            throw new PreflightException($"the state directory {stateRoot} is under {covering.Mount}, which {covering.Host} of lab {lab.Name} mounts {covering.Mount} over; " +
                                         "set LAB_STATE_DIR to a directory elsewhere (the default is /var/lib/lab)");
    }

    /// <param name="exists">How a required file is looked for (tests pass a machine where something is missing).</param>
    internal static void CheckPackages(LabDefinition lab, Func<string, bool> exists)
    {
        var missing = Always.Concat(lab.Hosts.SelectMany(h => h.Services).Distinct().SelectMany(s => ServiceCatalog.Get(s).Requires))
            .Where(r => !exists(r.Path)).Select(r => r.Package).Distinct().ToList();
        if (missing.Count > 0)
            throw new PreflightException($"missing Debian packages: {string.Join(" ", missing)}; install them with: scripts/install-packages (or apt-get install {string.Join(" ", missing)})");
    }

    public static void RequireRoot()
    {
        // Rootless mode: uid 0 of the user's own namespaces is all the local target needs.
        if (Lab.Instances.Rootless.RootlessMode.Active) return;
        Privileges.RequireRoot("the local target creates network namespaces and mounts");
    }
}
