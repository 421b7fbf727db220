using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Keepalived;
using Lab.Core.Services;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Core.Replication;

/// <summary>
/// Target-independent steps that turn started hosts into a replication lab: start the servers, install each
/// server's accounts, then start every replica from a consistent copy of the primary and wait until they are
/// replicating and caught up. Does nothing for a lab without a <c>primary</c> role.
/// </summary>
public sealed class ReplicationBringUp(LabInstance instance, Until until, Action<string> progress)
{
    public const string AccountsFile = "/etc/mysql/lab-accounts.sql";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private IReadOnlyList<ILabHost> Servers => instance.HostsRunning(ServiceCatalog.MariaDb);

    public async Task StartServersAsync(CancellationToken ct)
    {
        var servers = Servers;
        if (servers.Count == 0) return;
        progress($"starting mariadbd on {string.Join(", ", servers.Select(s => s.Name))}");
        await Task.WhenAll(servers.Select(s => s.StartAsync(ServiceCatalog.MariaDb, ct: ct)));
        await until.HoldsAsync($"{string.Join(", ", servers.Select(s => s.Name))} answering", async c =>
        {
            var seen = await Task.WhenAll(servers.Select(async s => (s.Name, Result: await s.QueryAsync("SELECT 1", timeout: TimeSpan.FromSeconds(5), ct: c))));
            return new ProbeResult(seen.All(s => s.Result.Ok), string.Join("; ", seen.Select(s => $"{s.Name}: {s.Result}")));
        }, new WaitPolicy(StartTimeout, TimeSpan.FromMilliseconds(50)), ct);
    }

    public async Task ReplicateAsync(CancellationToken ct)
    {
        var primary = ReplicationRoles.InitialPrimary(instance);
        if (primary is null) return;
        foreach (var server in Servers)
        {
            var result = await server.RunAsync($"mariadb < {AccountsFile}", timeout: TimeSpan.FromSeconds(30), ct: ct);
            if (!result.Ok) throw new HostCommandException(server.Name, $"mariadb < {AccountsFile}", result);
        }
        progress($"accounts installed on {string.Join(", ", Servers.Select(s => s.Name))} ({AccountsFile}, repl has REPLICATION SLAVE only)");
        // Nothing is written on the primary before the replicas are attached: with semi-sync on from the start
        // (failover lab) such a commit would wait rpl_semi_sync_master_timeout for an ack nobody can send yet.

        var replicas = ReplicationRoles.InitialReplicas(instance);
        var operations = new ReplicationOperations(instance, until);
        foreach (var replica in replicas)
            progress(await operations.AttachAsync(replica, primary, AttachStart.Copy, ct));
        await operations.WaitReplicatingAsync(replicas, primary, StartTimeout, ct);
        progress($"{string.Join(", ", replicas.Select(r => r.Name))}: Slave_IO_Running and Slave_SQL_Running Yes, caught up with {primary.Name}");
    }

    /// <summary>
    /// When the lab has a virtual IP: waits until the primary holds it and the client reaches the primary through it.
    /// Returns what was seen, or null for a lab without one.
    /// </summary>
    public async Task<string?> WaitVirtualIpAsync(CancellationToken ct)
    {
        var vip = new VirtualIp(instance);
        var primary = ReplicationRoles.InitialPrimary(instance);
        if (!vip.Exists || primary is null) return null;
        await until.HoldsAsync($"virtual IP {vip.Address} on {primary.Name}", vip.HeldBy(primary.Name),
            new WaitPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)), ct);
        var client = instance.Hosts.Values.FirstOrDefault(h => h.Definition.Role == "client");
        if (client is null) return $"virtual IP {vip.Address} on {primary.Name}";
        var (answer, _) = await until.HoldsAsync($"{client.Name}: a query through the virtual IP", async c =>
        {
            var r = await client.QueryAsync("SELECT @@hostname", timeout: TimeSpan.FromSeconds(5), ct: c);
            return new ProbeResult(r.Ok && r.Scalar == primary.Name, r.Ok ? r.Scalar ?? "" : r.ToString());
        }, new WaitPolicy(TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100)), ct);
        return $"virtual IP {vip.Address} on {primary.Name}; the client's query through it answered by {answer.Observed}";
    }
}
