namespace Lab.Core.Model;

/// <summary>A host of a lab: its place on the lab network(s), what runs on it and what it gets rendered.</summary>
/// <param name="Address">Its first address: how the tool reaches it (eth0).</param>
/// <param name="Interfaces">Every address, one per network it joins, in eth order; null means one, <paramref name="Address"/> on the lab's only network.</param>
/// <param name="Kernel">Kernel features it needs (`kernel: [ip_vs]`): where this machine's kernel lacks one, the host becomes a VM.</param>
/// <param name="Isolation">"vm" when it must be a VM whatever the target (`isolation: vm`), e.g. DRBD's block devices.</param>
public sealed record HostDefinition(
    string Name,
    string Address,
    string Role,
    IReadOnlyList<string> Services,
    IReadOnlyList<FileTemplate> Files,
    IReadOnlyList<string> Mounts,
    VmSize? Vm = null,
    IReadOnlyList<HostInterface>? Interfaces = null,
    IReadOnlyList<string>? Kernel = null,
    string? Isolation = null)
{
    public const string VmIsolation = "vm";

    /// <summary>CPUs and memory when this host is a VM (the vm target); ignored where hosts share this machine's kernel.</summary>
    public VmSize VmSize => Vm ?? VmSize.Default;

    public IReadOnlyList<HostInterface> Nics => Interfaces ?? [new HostInterface(NetworkDefinition.DefaultName, Address, 0)];

    public IReadOnlyList<string> KernelFeatures => Kernel ?? [];

    public bool MustBeVm => Isolation == VmIsolation;

    public bool Runs(string service) => Services.Contains(service);

    /// <summary>Its address on the named network, or null when it does not join it.</summary>
    public string? AddressOn(string network) => Nics.FirstOrDefault(n => n.Network == network)?.Address;
}
