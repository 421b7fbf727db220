namespace Lab.Core.Model;

/// <summary>
/// What a host gets when it is a virtual machine (`vm:` on the host in lab.yaml). The seeds' classroom VMs have 1 vCPU
/// and 1 GB; half of that is the default here, so five VMs fit a small machine and boot faster under emulation.
/// </summary>
/// <param name="DataDiskMb">
/// An empty second data disk of this many MB (`vm: { disk: 256M }`), the seed's "attach a new disk to each VM" (002):
/// the vm target's VM sees it as /dev/vdc, an Azure VM as /dev/disk/azure/scsi1/lun0 (templates: {{data_disk}}). Null: no data disk.
/// </param>
public sealed record VmSize(int Cpus, int MemoryMb, int? DataDiskMb = null)
{
    public static readonly VmSize Default = new(1, 512);
}
