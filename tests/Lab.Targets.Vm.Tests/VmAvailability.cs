namespace Lab.Targets.Vm.Tests;

/// <summary>
/// Whether QEMU VMs can be booted here, and if not, why: root, the tools, tap devices. A missing image is not a reason
/// (the fixture builds it), and neither is a missing KVM: the VMs then run under software emulation.
/// </summary>
public static class VmAvailability
{
    private static readonly Lazy<string?> Reason = new(Probe);

    public static string? WhyNot => Reason.Value;

    private static string? Probe()
    {
        var uid = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries);
        if (uid is not { Length: > 2 } || uid[2] != "0") return "vm tests need root (tap devices, namespaces); run the suite as root";
        foreach (var (path, package) in new[] { ("/usr/bin/qemu-system-x86_64", "qemu-system-x86"), ("/usr/bin/qemu-img", "qemu-utils"), ("/usr/sbin/debootstrap", "debootstrap") })
            if (!File.Exists(path)) return $"{path} is missing: install {package} (scripts/install-packages)";
        return File.Exists("/dev/net/tun") ? null : "/dev/net/tun is missing: no tap devices for the VMs' NICs";
    }
}
