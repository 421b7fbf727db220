using Lab.Core.Model;
using Lab.Core.Services;
using Lab.Core.Status;

namespace Lab.Core.Endpoints;

/// <summary>Which endpoints a lab offers, read from its definition (the same for every target).</summary>
public static class LabEndpoints
{
    /// <summary>MariaDB's port on every lab server and on HAProxy's frontend (templates/haproxy: `bind *:3306`).</summary>
    public const int MariaDbPort = 3306;

    /// <summary>
    /// Every MariaDB server, and the entry: the VIP where the lab has one (failover), else HAProxy (galera), else the
    /// first server (replication's primary at bring-up).
    /// </summary>
    public static IReadOnlyList<LabEndpoint> For(LabDefinition lab)
    {
        var servers = lab.Hosts.Where(IsMariaDbServer).ToList();
        var aspects = StatusAspects.For(lab);
        var haproxy = lab.Hosts.FirstOrDefault(h => h.Runs(ServiceCatalog.HaProxy));
        var entry = aspects.VirtualIp is { } vip
            ? new LabEndpoint("vip", lab.Hosts.First(StatusAspects.CanHoldVip).Name, vip, MariaDbPort, true,
                "the virtual IP: always the writable server")
            : haproxy is not null
                ? new LabEndpoint(haproxy.Name, haproxy.Name, haproxy.Address, MariaDbPort, true, "HAProxy: one of the healthy servers")
                : null;
        var list = servers.Select((h, i) => new LabEndpoint(h.Name, h.Name, h.Address, MariaDbPort, entry is null && i == 0,
            $"MariaDB on {h.Name} itself")).ToList();
        if (entry is not null) list.Insert(0, entry);
        return list;
    }

    private static bool IsMariaDbServer(HostDefinition host) =>
        host.Runs(ServiceCatalog.Galera) || host.Runs(ServiceCatalog.MariaDb);
}
