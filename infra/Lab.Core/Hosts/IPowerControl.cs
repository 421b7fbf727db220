namespace Lab.Core.Hosts;

/// <summary>
/// The power switch of an instance's hosts, where the target has one (VMs: pulling the plug is killing QEMU). A hard
/// failover needs it: a host that vanishes mid-write, kernel and all, not a service that stops.
/// </summary>
public interface IPowerControl
{
    /// <summary>True while the host's machine runs (cheap: no round trip to the host).</summary>
    bool IsOn(string host);

    /// <summary>Pulls the plug: the machine stops at once, with no shutdown and no flush of its caches.</summary>
    Task PowerOffAsync(string host, CancellationToken ct);

    /// <summary>Boots the machine again from the same disks; returns once it answers as after `up`.</summary>
    Task PowerOnAsync(string host, CancellationToken ct);
}

/// <summary>The hosts of this target cannot be powered off and on by the tool.</summary>
public sealed class NoPowerControlException(string host, string target, string lab)
    : Lab.Core.Errors.LabException(
        $"{host}: the {target} target cannot power a host off or on (its hosts are not VMs the tool runs); " +
        $"run the lab on the vm target: lab up {lab} --target vm");
