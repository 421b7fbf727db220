using Lab.Core.Model;
using Lab.Core.Services;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// What moves the lab's VIP locally, and so how Azure's load balancer, which takes its place, finds the host that holds
/// it. Neither mover works on Azure's network by itself: it delivers a packet only to the NIC it assigned the
/// destination address to, so an address that keepalived or Pacemaker adds to an interface is never routed there.
/// </summary>
/// <param name="Service">The service that moves the VIP locally (keepalived or Pacemaker).</param>
/// <param name="ProbeName">The probe's name in the load balancer, the question it asks.</param>
/// <param name="Protocol">The probe's protocol: Http (an answer of 200) or Tcp (a completed handshake).</param>
/// <param name="Port">The port the probe asks on each pool member's own address.</param>
/// <param name="RequestPath">The Http probe's path; null for Tcp.</param>
/// <param name="FloatingIp">
/// Whether the balancer delivers packets still addressed to the VIP (Azure's "floating IP"): right when the holder
/// puts the VIP on its interface itself (Pacemaker's IPaddr2, the pattern Microsoft documents for Pacemaker on Azure),
/// wrong when nothing does (keepalived is not installed on Azure).
/// </param>
/// <param name="Why">One line for the program: what stands in for what.</param>
public sealed record VipHolder(string Service, string ProbeName, string Protocol, int Port, string? RequestPath, bool FloatingIp, string Why)
{
    /// <summary>keepalived's VRRP (failover): the probe asks keepalived's own track script over HTTP (<see cref="VipLoadBalancer"/>).</summary>
    public static readonly VipHolder Keepalived = new(ServiceCatalog.Keepalived, "writable-primary", "Http", VipLoadBalancer.ProbePort, "/", false,
        "keepalived's VRRP does not work on Azure's network, an internal load balancer takes its place");

    /// <summary>
    /// Pacemaker's IPaddr2 (ha-drbd): the seed's own "load-balanced set" probe, MariaDB's port, which answers only on the
    /// node where Pacemaker runs MariaDB (on the DRBD Primary). IPaddr2 still puts the VIP on that node's eth0, where
    /// the balancer's floating-IP packets arrive.
    /// </summary>
    public static readonly VipHolder Pacemaker = new(ServiceCatalog.Pacemaker, "mariadb", "Tcp", 3306, null, true,
        "Pacemaker's IPaddr2 address is not routed on Azure's network; an internal load balancer probing MariaDB's port (the seed's load-balanced set) sends it to the node running MariaDB");

    public static IReadOnlyList<VipHolder> All => [Keepalived, Pacemaker];

    /// <summary>The hosts that may hold the VIP: MariaDB hosts running keepalived, or the nodes of the Pacemaker cluster.</summary>
    public IReadOnlyList<HostDefinition> Hosts(LabDefinition lab) => lab.HostsRunning(Service)
        .Where(h => Service != ServiceCatalog.Keepalived || h.Runs(ServiceCatalog.MariaDb)).ToList();
}
