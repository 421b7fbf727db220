namespace Lab.Core.Rendering;

/// <summary>
/// The device name under which a host's empty data disk (`vm: { disk: 256M }`) appears in its guest. It is a fact of
/// whatever attaches the disk, not of the lab: templates read it as <c>{{data_disk}}</c> of a host, and each target
/// renders it with its own device (<see cref="TemplateRenderer"/>'s <c>dataDisk</c>).
/// </summary>
public static class DataDiskDevice
{
    /// <summary>QEMU's third virtio disk (the vm target, and the ssh target on such VMs): /dev/vda root, /dev/vdb seed, /dev/vdc data.</summary>
    public const string Virtio = "/dev/vdc";
}
