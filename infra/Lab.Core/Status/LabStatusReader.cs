using Lab.Core.Galera;
using Lab.Core.Haproxy;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Services;

namespace Lab.Core.Status;

/// <summary>Reads every host's services, Galera variables and HAProxy backends in parallel.</summary>
public static class LabStatusReader
{
    public static async Task<LabStatus> ReadAsync(LabInstance instance, CancellationToken ct)
    {
        var hosts = await Task.WhenAll(instance.Lab.Hosts.Select(h => ReadHostAsync(instance.Host(h.Name), ct)));
        return new LabStatus(instance.Name, instance.Lab.Name, instance.Target, instance.Lab.Subnet.ToString(), hosts);
    }

    private static async Task<HostStatus> ReadHostAsync(ILabHost host, CancellationToken ct)
    {
        var services = new List<ServiceStatus>();
        foreach (var service in host.Definition.Services)
            services.Add(await host.StatusAsync(service, ct));

        GaleraStatus? galera = null;
        string? galeraError = null;
        if (host.Definition.Runs(ServiceCatalog.Galera))
        {
            if (services.First(s => s.Service == ServiceCatalog.Galera).State == ServiceState.Running)
            {
                try { galera = await GaleraStatus.ReadAsync(host, ct); }
                catch (Exception e) when (e is not OperationCanceledException) { galeraError = e.Message; }
            }
            else galeraError = "mariadbd is not running";
        }

        IReadOnlyList<HaproxyBackend>? backends = null;
        string? backendsError = null;
        if (host.Definition.Runs(ServiceCatalog.HaProxy))
        {
            var result = await host.RunAsync(HaproxyBackend.ShowStatCommand, timeout: TimeSpan.FromSeconds(5), ct: ct);
            if (result.Ok) backends = HaproxyBackend.ParseShowStat(result.Stdout);
            else backendsError = result.Describe();
        }
        return new HostStatus(host.Name, host.Definition.Address, services, galera, galeraError, backends, backendsError);
    }
}
