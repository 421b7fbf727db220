namespace Lab.Core.Model;

/// <summary>A host of a lab: its place on the lab network, what runs on it and what it gets rendered.</summary>
public sealed record HostDefinition(
    string Name,
    string Address,
    string Role,
    IReadOnlyList<string> Services,
    IReadOnlyList<FileTemplate> Files,
    IReadOnlyList<string> Mounts,
    VmSize? Vm = null)
{
    /// <summary>CPUs and memory when this host is a VM (the vm target); ignored where hosts share this machine's kernel.</summary>
    public VmSize VmSize => Vm ?? VmSize.Default;

    public bool Runs(string service) => Services.Contains(service);
}
