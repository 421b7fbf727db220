using Lab.Core.Errors;
using Lab.Instances;

namespace Lab.Targets.Machines;

/// <summary>What the machines target needs on this machine before it creates anything.</summary>
public static class MachinesPreflight
{
    private static readonly (string Path, string Package)[] Tools =
    [
        ("/usr/bin/systemd-nspawn", "systemd-container"), ("/usr/sbin/debootstrap", "debootstrap"), ("/usr/bin/ssh", "openssh-client"),
        ("/usr/bin/ssh-keygen", "openssh-client"), ("/usr/bin/socat", "socat"), ("/usr/sbin/ip", "iproute2"), ("/usr/bin/nsenter", "util-linux"),
    ];

    public static void RequireRoot() => Privileges.RequireRoot("the machines target boots containers on the lab's own network");

    public static void Check()
    {
        RequireRoot();
        RequiredTools.Check("machines", Tools);
    }
}
