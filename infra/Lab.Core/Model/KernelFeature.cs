namespace Lab.Core.Model;

/// <summary>
/// A kernel feature a host may need (lab.yaml `kernel: [ip_vs]`), and the module that provides it. Containers and
/// namespaces share this machine's kernel: where it lacks the module, such a host must be a VM with a kernel of its own.
/// </summary>
public sealed record KernelFeature(string Name, string Module, string Why)
{
    public static readonly IReadOnlyList<KernelFeature> Known =
    [
        new("ip_vs", "ip_vs", "LVS: ipvsadm's virtual servers"),
        new("ipip", "ipip", "IP-in-IP tunnels (tunl0, LVS-TUN)"),
        new("drbd", "drbd", "DRBD block replication"),
        new("netem", "sch_netem", "netem delay/loss on a link"),
    ];

    public static KernelFeature? Find(string name) => Known.FirstOrDefault(f => f.Name == name);
}
