using Lab.Core.Model;
using Lab.Core.Replication;
using Lab.Core.Services;

namespace Lab.Core.Status;

/// <summary>
/// What a lab's status is made of besides each host's services, chosen from its definition alone, so every target
/// reads and judges the same things: Galera nodes, a binlog replication topology, a virtual IP, a DRBD pair, HAProxy.
/// </summary>
/// <param name="VirtualIp">The lab's virtual IP when a host can take it (keepalived or Pacemaker), else null.</param>
public sealed record StatusAspects(bool Galera, bool Replication, string? VirtualIp, bool Drbd, bool Haproxy)
{
    public static StatusAspects For(LabDefinition lab) => new(
        Galera: lab.Hosts.Any(h => h.Runs(ServiceCatalog.Galera)),
        Replication: ReplicationRoles.InitialPrimary(lab) is not null,
        VirtualIp: lab.Vars.TryGetValue("vip", out var vip) && lab.Hosts.Any(CanHoldVip) ? vip : null,
        Drbd: lab.Hosts.Any(IsDrbdNode),
        Haproxy: lab.Hosts.Any(h => h.Runs(ServiceCatalog.HaProxy)));

    /// <summary>The servers of the replication topology: the roles that start as primary or replica (it changes at run time).</summary>
    public static bool IsReplicationServer(HostDefinition host) =>
        host.Role is ReplicationRoles.Primary or ReplicationRoles.Replica && host.Runs(ServiceCatalog.MariaDb);

    public static bool CanHoldVip(HostDefinition host) => host.Runs(ServiceCatalog.Keepalived) || host.Runs(ServiceCatalog.Pacemaker);

    /// <summary>A host rendered a DRBD resource (/etc/drbd.d/): one of the nodes sharing the replicated disk.</summary>
    public static bool IsDrbdNode(HostDefinition host) => host.Files.Any(f => f.Path.StartsWith("/etc/drbd.d/", StringComparison.Ordinal));
}
