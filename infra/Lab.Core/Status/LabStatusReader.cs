using Lab.Core.Galera;
using Lab.Core.Haproxy;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Keepalived;
using Lab.Core.Services;

namespace Lab.Core.Status;

/// <summary>Reads every host's services and what the lab's <see cref="StatusAspects"/> name, hosts in parallel.</summary>
public static class LabStatusReader
{
    public static async Task<LabStatus> ReadAsync(LabInstance instance, CancellationToken ct)
    {
        var aspects = StatusAspects.For(instance.Lab);
        var hosts = await Task.WhenAll(instance.Lab.Hosts.Select(h => ReadHostAsync(instance, aspects, instance.Host(h.Name), ct)));
        return new LabStatus(instance.Name, instance.Lab.Name, instance.Target, instance.Lab.Subnet.ToString(), aspects, hosts);
    }

    private static async Task<HostStatus> ReadHostAsync(LabInstance instance, StatusAspects aspects, ILabHost host, CancellationToken ct)
    {
        var services = new List<ServiceStatus>();
        foreach (var service in host.Definition.Services)
            services.Add(await host.StatusAsync(service, ct));
        var status = new HostStatus(host.Name, host.Definition.Address, services);
        var definition = host.Definition;

        if (definition.Runs(ServiceCatalog.Galera))
            status = status with { Galera = await FromServerAsync(ServiceCatalog.Galera, () => GaleraStatus.ReadAsync(host, ct)) };
        if (aspects.Replication && StatusAspects.IsReplicationServer(definition))
            status = status with { Replication = await FromServerAsync(ServiceCatalog.MariaDb, () => ReplicationReading.ReadAsync(host, ct)) };
        if (definition.Runs(ServiceCatalog.HaProxy))
            status = status with { Backends = await ReadBackendsAsync(host, ct) };
        if (aspects.VirtualIp is not null && StatusAspects.CanHoldVip(definition))
            status = status with { HoldsVip = await WhenOnAsync(instance, host, () => new VirtualIp(instance).HoldsAsync(host, ct)) };
        if (aspects.Drbd && StatusAspects.IsDrbdNode(definition))
            status = status with { Drbd = await WhenOnAsync(instance, host, () => DrbdReading.ReadAsync(host, ct)) };
        return status;

        // A server is asked only while its process runs: a stopped one is "down", not a client error.
        async Task<Reading<T>> FromServerAsync<T>(string service, Func<Task<T>> read)
        {
            var state = services.First(s => s.Service == service);
            if (state.State != ServiceState.Running) return Reading<T>.None(NoReading.NotRunning(state, "mariadbd"));
            return await TryAsync(read);
        }
    }

    private static async Task<Reading<IReadOnlyList<HaproxyBackend>>> ReadBackendsAsync(ILabHost host, CancellationToken ct)
    {
        var result = await host.RunAsync(HaproxyBackend.ShowStatCommand, timeout: TimeSpan.FromSeconds(5), ct: ct);
        return result.Ok ? Reading<IReadOnlyList<HaproxyBackend>>.Of(HaproxyBackend.ParseShowStat(result.Stdout))
            : Reading<IReadOnlyList<HaproxyBackend>>.None(new NoReading(NoReading.NoAnswer, $"HAProxy's stats socket: {result.Describe()}"));
    }

    /// <summary>A host whose machine is powered off is not asked (it could not answer).</summary>
    private static Task<Reading<T>> WhenOnAsync<T>(LabInstance instance, ILabHost host, Func<Task<T>> read) =>
        instance.Power is { } power && !power.IsOn(host.Name) ? Task.FromResult(Reading<T>.None(NoReading.PoweredOff)) : TryAsync(read);

    private static async Task<Reading<T>> TryAsync<T>(Func<Task<T>> read)
    {
        try { return Reading<T>.Of(await read()); }
        catch (Exception e) when (e is not OperationCanceledException) { return Reading<T>.None(NoReading.From(e)); }
    }
}
