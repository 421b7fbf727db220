using Lab.Core.Model;
using Lab.Instances;

namespace Lab.Hosts.Vm;

/// <summary>
/// A host's empty data disk (`vm: { disk: 256M }`): the seed's second virtual disk, which DRBD replicates. A sparse raw
/// file in the VM's own directory (so `down` removes it with the overlay), attached as the third virtio disk: the guest
/// sees /dev/vda (root), /dev/vdb (seed), /dev/vdc (data), in the order of QEMU's -drive arguments.
/// </summary>
public static class VmDataDisk
{
    /// <summary>The device name the guest gives the data disk.</summary>
    public const string GuestDevice = Lab.Core.Rendering.DataDiskDevice.Virtio;

    public static async Task CreateAsync(string file, int megabytes, CancellationToken ct)
    {
        File.Delete(file);
        await ProcessRunner.RequireAsync("qemu-img", ["create", "-q", "-f", "raw", file, $"{megabytes}M"], ct: ct);
    }

    /// <summary>
    /// No arguments when the host has no data disk. What QEMU wrote is in this machine's page cache, so a VM whose QEMU
    /// is killed (a power cut) loses only what its own kernel had not yet written, as a real disk would.
    /// </summary>
    public static IReadOnlyList<string> QemuArguments(string file, VmSize size) =>
        size.DataDiskMb is null ? [] : ["-drive", $"file={file},format=raw,if=virtio"];
}
