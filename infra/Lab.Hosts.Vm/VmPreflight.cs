using Lab.Core.Errors;
using Lab.Instances;

namespace Lab.Hosts.Vm;

/// <summary>What the vm target needs on this machine before it creates anything.</summary>
public static class VmPreflight
{
    private static readonly (string Path, string Package)[] Tools =
    [
        ("/usr/bin/qemu-system-x86_64", "qemu-system-x86"), ("/usr/bin/qemu-img", "qemu-utils"), ("/usr/sbin/mkfs.ext4", "e2fsprogs"),
        ("/usr/sbin/debootstrap", "debootstrap"), ("/usr/bin/ssh", "openssh-client"), ("/usr/bin/ssh-keygen", "openssh-client"),
        ("/usr/bin/socat", "socat"), ("/usr/sbin/ip", "iproute2"), ("/usr/bin/nsenter", "util-linux"),
    ];

    public static void RequireRoot() => Privileges.RequireRoot("the vm target boots VMs with tap devices on the lab's own bridge");

    public static void Check()
    {
        RequireRoot();
        RequiredTools.Check("vm", Tools);
        if (!File.Exists("/dev/net/tun"))
            throw new PreflightException("the vm target needs tap devices and /dev/net/tun is missing: load the tun module (modprobe tun)");
    }
}
