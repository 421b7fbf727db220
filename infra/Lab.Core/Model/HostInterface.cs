namespace Lab.Core.Model;

/// <summary>A host's address on one of the lab's networks; the host's first interface is eth0, the next eth1, ...</summary>
public sealed record HostInterface(string Network, string Address, int Index)
{
    public string Device => $"eth{Index}";
}
