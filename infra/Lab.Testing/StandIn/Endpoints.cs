// STAND-IN until main's 127.0.0.1 forward is merged (infra/Lab.Core/Endpoints, LabInstance.Published): delete this folder then.
using Lab.Core.Model;
using Lab.Core.Services;

namespace Lab.Core.Endpoints;

public sealed record LabEndpoint(string Name, string Host, string Address, int Port, bool IsEntry, string Purpose);

public sealed record PublishedEndpoint(LabEndpoint Endpoint, string LocalAddress, int LocalPort);

public static class LabEndpoints
{
    public static IReadOnlyList<LabEndpoint> For(LabDefinition lab)
    {
        var list = new List<LabEndpoint>();
        foreach (var h in lab.HostsRunning(ServiceCatalog.HaProxy))
            list.Add(new LabEndpoint(h.Name, h.Name, h.Address, 3306, true, "HAProxy"));
        foreach (var h in lab.Hosts.Where(h => h.Runs(ServiceCatalog.Galera) || h.Runs(ServiceCatalog.MariaDb)))
            list.Add(new LabEndpoint(h.Name, h.Name, h.Address, 3306, false, "server"));
        return list;
    }
}
