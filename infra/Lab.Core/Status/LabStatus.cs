using Lab.Core.Galera;
using Lab.Core.Haproxy;
using Lab.Core.Hosts;

namespace Lab.Core.Status;

/// <summary>Everything `lab status` shows, as data (rendered as a table or JSON by the CLI).</summary>
public sealed record LabStatus(string Instance, string Lab, string Target, string Subnet, IReadOnlyList<HostStatus> Hosts)
{
    /// <summary>True when every database node is Primary/Synced at full size and HAProxy has every node up.</summary>
    public bool Healthy =>
        Hosts.All(h => h.Services.All(s => s.State == ServiceState.Running)) &&
        Hosts.Where(h => h.Galera is not null || h.GaleraError is not null)
            .All(h => h.Galera?.IsPrimarySynced(Hosts.Count(x => x.Galera is not null || x.GaleraError is not null)) == true) &&
        Hosts.Where(h => h.Backends is not null).All(h => h.Backends!.All(b => b.IsUp));
}

public sealed record HostStatus(
    string Name,
    string Address,
    IReadOnlyList<ServiceStatus> Services,
    GaleraStatus? Galera,
    string? GaleraError,
    IReadOnlyList<HaproxyBackend>? Backends,
    string? BackendsError);
