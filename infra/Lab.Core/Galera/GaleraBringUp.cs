using Lab.Core.Haproxy;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Services;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Core.Galera;

/// <summary>How the first start of a new cluster forms the group.</summary>
public enum GaleraStart
{
    /// <summary>All nodes start at once from the same data and a saved primary view (the target seeded them): no SST.</summary>
    SharedState,
    /// <summary>The seeds' procedure: galera_new_cluster on the first node, then each other node joins by a full SST, one at a time.</summary>
    Classic,
}

/// <summary>
/// Target-independent steps that turn started hosts into a working Galera lab: form the cluster, create the
/// instance's accounts, wait for HAProxy to route, and prove it with a query from the client host.
/// </summary>
public sealed class GaleraBringUp(LabInstance instance, Until until, Action<string> progress)
{
    public const string AccountsFile = "/etc/mysql/lab-accounts.sql";
    public static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(90);

    private IReadOnlyList<ILabHost> Nodes => instance.HostsRunning(ServiceCatalog.Galera);

    public async Task FormClusterAsync(GaleraStart mode, CancellationToken ct)
    {
        var nodes = Nodes;
        if (nodes.Count == 0) return;
        if (mode == GaleraStart.SharedState)
        {
            progress($"starting {string.Join(", ", nodes.Select(n => n.Name))} together from a shared initial state");
            await Task.WhenAll(nodes.Select(n => n.StartAsync(ServiceCatalog.Galera, ct: ct)));
            await WaitSyncedAsync(nodes, nodes.Count, ct);
            return;
        }
        progress($"{nodes[0].Name}: starting a new cluster (galera_new_cluster)");
        await nodes[0].StartAsync(ServiceCatalog.Galera, ["--wsrep-new-cluster"], ct);
        await WaitSyncedAsync([nodes[0]], 1, ct);
        for (var i = 1; i < nodes.Count; i++)
        {
            progress($"{nodes[i].Name}: joining (state snapshot transfer)");
            await nodes[i].StartAsync(ServiceCatalog.Galera, ct: ct);
            await WaitSyncedAsync(nodes.Take(i + 1).ToList(), i + 1, ct);
        }
    }

    public async Task WaitSyncedAsync(IReadOnlyList<ILabHost> nodes, int size, CancellationToken ct)
    {
        var names = string.Join(", ", nodes.Select(n => n.Name));
        await until.HoldsAsync($"{names} Primary/Synced with cluster size {size}", async c =>
        {
            var seen = await Task.WhenAll(nodes.Select(async n =>
            {
                try { return (n.Name, Status: (GaleraStatus?)await GaleraStatus.ReadAsync(n, c), Error: (string?)null); }
                catch (SqlException e) { return (n.Name, Status: null, Error: e.Message); }
            }));
            var observed = string.Join("; ", seen.Select(s => $"{s.Name}: {s.Status?.ToString() ?? s.Error}"));
            return new ProbeResult(seen.All(s => s.Status?.IsPrimarySynced(size) == true), observed);
        }, new WaitPolicy(SyncTimeout, TimeSpan.FromMilliseconds(50)), ct);
    }

    public async Task CreateAccountsAsync(CancellationToken ct)
    {
        var first = Nodes.FirstOrDefault();
        if (first is null) return;
        progress($"{first.Name}: creating this instance's accounts ({AccountsFile})");
        var result = await first.RunAsync($"mariadb < {AccountsFile}", timeout: TimeSpan.FromSeconds(30), ct: ct);
        if (!result.Ok) throw new HostCommandException(first.Name, $"mariadb < {AccountsFile}", result);
    }

    public async Task WaitHaproxyAsync(CancellationToken ct)
    {
        foreach (var proxy in instance.HostsRunning(ServiceCatalog.HaProxy))
        {
            var expected = Nodes.Count;
            await until.HoldsAsync($"{proxy.Name}: every database backend UP", async c =>
            {
                var result = await proxy.RunAsync(HaproxyBackend.ShowStatCommand, timeout: TimeSpan.FromSeconds(5), ct: c);
                if (!result.Ok) return ProbeResult.No(result.Describe());
                var backends = HaproxyBackend.ParseShowStat(result.Stdout);
                return new ProbeResult(backends.Count(b => b.IsUp) >= expected && backends.All(b => b.IsUp), string.Join(", ", backends));
            }, new WaitPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)), ct);
        }
    }

    /// <summary>A query from the client host through HAProxy; returns which node answered.</summary>
    public async Task<string?> QueryThroughProxyAsync(CancellationToken ct)
    {
        var client = instance.Hosts.Values.FirstOrDefault(h => h.Definition.Role == "client");
        if (client is null || instance.HostsRunning(ServiceCatalog.HaProxy).Count == 0) return null;
        var (result, _) = await until.HoldsAsync($"{client.Name}: a query through HAProxy", async c =>
        {
            var r = await client.QueryAsync("SELECT @@hostname", timeout: TimeSpan.FromSeconds(5), ct: c);
            return new ProbeResult(r.Ok, r.Ok ? r.Scalar ?? "" : r.ToString());
        }, new WaitPolicy(TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100)), ct);
        return result.Observed;
    }
}
