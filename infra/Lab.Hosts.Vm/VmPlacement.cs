using Lab.Core.Model;
using Lab.Instances;

namespace Lab.Hosts.Vm;

/// <summary>A host that the local or machines target runs as a VM, and why (said in `up`'s progress).</summary>
public sealed record VmNeed(HostDefinition Host, string Why);

/// <summary>
/// Which hosts of a lab need a kernel of their own on a target whose hosts share this machine's kernel: those that
/// say `isolation: vm`, and those needing a kernel feature this kernel lacks (`kernel: [ip_vs]` on a kernel without
/// ip_vs). The others stay namespaces or containers: a mixed lab on one bridge.
/// </summary>
public static class VmPlacement
{
    public static async Task<IReadOnlyList<VmNeed>> HostsNeedingVmsAsync(LabDefinition lab, CancellationToken ct)
    {
        var missing = new Dictionary<string, bool>();
        var result = new List<VmNeed>();
        foreach (var host in lab.Hosts)
        {
            if (host.MustBeVm) { result.Add(new VmNeed(host, "isolation: vm")); continue; }
            var lacking = new List<string>();
            foreach (var feature in host.KernelFeatures.Select(f => KernelFeature.Find(f)!))
            {
                if (!missing.TryGetValue(feature.Module, out var lacks))
                    missing[feature.Module] = lacks = !await KernelModules.HasAsync(feature.Module, ct);
                if (lacks) lacking.Add(feature.Name);
            }
            if (lacking.Count > 0) result.Add(new VmNeed(host, $"needs {string.Join(", ", lacking)}, which this machine's kernel lacks"));
        }
        return result;
    }

    public static string Describe(IReadOnlyList<VmNeed> needs) =>
        string.Join("; ", needs.Select(n => $"{n.Host.Name} runs as a VM ({n.Why})"));
}
