namespace Lab.Core.Model;

/// <summary>
/// What a host gets when it is a virtual machine (`vm:` on the host in lab.yaml). The seeds' classroom VMs have 1 vCPU
/// and 1 GB; half of that is the default here, so five VMs fit a small machine and boot faster under emulation.
/// </summary>
public sealed record VmSize(int Cpus, int MemoryMb)
{
    public static readonly VmSize Default = new(1, 512);
}
