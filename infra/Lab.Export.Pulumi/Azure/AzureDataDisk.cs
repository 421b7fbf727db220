using System.Globalization;
using Lab.Core.Model;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// A host's empty data disk (`vm: { disk: 256M }`, the seed's "attach a new disk to each VM") as an Azure managed disk
/// in the VM's storage profile, at LUN 0. The guest sees it as /dev/disk/azure/scsi1/lun0: the udev rules of Debian's
/// waagent package (66-azure-storage.rules, on Debian's Azure images) name data disks by controller and LUN, whereas
/// /dev/sdX names depend on probe order. Deleted with its VM: a replaced VM is a new, empty host.
/// </summary>
public static class AzureDataDisk
{
    public const int Lun = 0;
    public static readonly string GuestDevice = $"/dev/disk/azure/scsi1/lun{Lun.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Azure sizes managed disks in whole GiB, at least 1.</summary>
    public static int SizeGb(int megabytes) => Math.Max(1, (int)Math.Ceiling(megabytes / 1024.0));

    /// <summary>The storage profile's dataDisks for the host, or null when it has no data disk.</summary>
    public static YList? For(HostDefinition host) => host.Vm?.DataDiskMb is not { } mb ? null : new YList(new YMap()
        .Add("name", $"{host.Name}-data")
        .Add("lun", Lun)
        .Add("createOption", "Empty")
        .Add("diskSizeGB", SizeGb(mb))
        // No host cache: DRBD's protocol C acknowledges a write once it is on both disks, not in a cache in front of them.
        .Add("caching", "None")
        .Add("deleteOption", "Delete")
        .Add("managedDisk", new YMap().Add("storageAccountType", AzureDefaults.OsDiskType)));
}
