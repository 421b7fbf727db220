using Lab.Core.Errors;

namespace Lab.Instances.Rootless;

/// <summary>
/// What rootless mode needs from the machine, checked before the holder is made, each missing piece with the one
/// command (run once by root) that provides it.
/// </summary>
public static class RootlessPreflight
{
    public static void Check(string user, int uid)
    {
        const string why = "lab is not running as root, so it runs the local target in rootless mode (user namespaces)";
        if (ReadSysctl("user/max_user_namespaces") is 0)
            throw new PreflightException($"{why}, but this kernel allows no user namespaces (user.max_user_namespaces = 0); " +
                                         "ask root to run: sysctl -w user.max_user_namespaces=15000 (or run lab as root: sudo ./lab ...)");
        if (ReadSysctl("kernel/unprivileged_userns_clone") is 0)
            throw new PreflightException($"{why}, but this kernel forbids them to ordinary users (kernel.unprivileged_userns_clone = 0); " +
                                         "ask root to run: sysctl -w kernel.unprivileged_userns_clone=1 (or run lab as root: sudo ./lab ...)");
        if (ReadSysctl("kernel/apparmor_restrict_unprivileged_userns") is 1)
            throw new PreflightException($"{why}, but AppArmor forbids them to ordinary users (kernel.apparmor_restrict_unprivileged_userns = 1); " +
                                         "ask root to run: sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 (or run lab as root: sudo ./lab ...)");
        if (!File.Exists("/usr/bin/newuidmap") || !File.Exists("/usr/bin/newgidmap"))
            throw new PreflightException($"{why}, which needs newuidmap and newgidmap (Debian package uidmap) to give mysql and haproxy ids of their own; " +
                                         "ask root to run: sudo scripts/install-packages (or apt-get install uidmap)");
        foreach (var (file, kind) in new[] { ("/etc/subuid", "subuids"), ("/etc/subgid", "subgids") })
            if (SubordinateIds.Count(file, user, uid) < SubordinateIds.Needed)
                throw new PreflightException($"{why}, which needs {SubordinateIds.Needed} subordinate ids for user {user} in {file} " +
                                             $"(has {SubordinateIds.Count(file, user, uid)}); ask root to run: " +
                                             $"usermod --add-{kind} 100000-165535 {user} (any free range of {SubordinateIds.Needed} ids)");
    }

    private static long? ReadSysctl(string name) =>
        File.Exists($"/proc/sys/{name}") && long.TryParse(File.ReadAllText($"/proc/sys/{name}").Trim(), out var v) ? v : null;
}
