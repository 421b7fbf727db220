using Lab.Instances;
using Lab.Targets.Machines;
using Lab.Images;

namespace Lab.Targets.Machines.Tests;

/// <summary>
/// Whether systemd-nspawn can boot machines here, and if not, why. Checked honestly: root, the tools, a cgroup
/// hierarchy, and, when the cached image exists, an actual container run from it. A missing image is not a reason to
/// skip: the fixture builds it.
/// </summary>
public static class MachinesAvailability
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public static string? WhyNot => Reason.Value;

    private static string? Probe()
    {
        if (!IsRoot()) return "machines tests need root (namespaces, mounts, systemd-nspawn); run the suite as root";
        foreach (var (path, package) in new[] { ("/usr/bin/systemd-nspawn", "systemd-container"), ("/usr/sbin/debootstrap", "debootstrap"), ("/usr/bin/ssh", "openssh-client") })
            if (!File.Exists(path)) return $"{path} is missing: install {package} (scripts/install-packages)";
        if (!Directory.Exists("/sys/fs/cgroup") || Directory.GetFileSystemEntries("/sys/fs/cgroup").Length == 0)
            return "no cgroup hierarchy under /sys/fs/cgroup: systemd-nspawn cannot run a container here";
        var image = MachineImage.RootOf(MachineImage.Directory(LocalLayout.Default));
        if (!Directory.Exists(image)) return null;
        var run = ProcessRunner.RunAsync("systemd-nspawn", ["--register=no", "--keep-unit", "--quiet", "--private-network", "-D", image, "/bin/true"],
            timeout: TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        return run.Ok ? null : $"systemd-nspawn cannot run a container from {image} on this host: {run.Describe()}";
    }

    private static bool IsRoot() =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries) is { Length: > 2 } f && f[2] == "0";
}
