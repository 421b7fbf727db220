using Lab.Core.Haproxy;
using Lab.Core.Hosts;
using Lab.Core.Messages;
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
/// The Galera operations a bring-up and a health restore share: form the cluster, wait until it is Synced, wait until
/// HAProxy routes to every node. Progress lines are in <paramref name="language"/>.
/// </summary>
public sealed class GaleraBringUp(Until until, Action<string> progress, Language language = Language.En)
{
    public static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(90);

    public async Task FormClusterAsync(IReadOnlyList<ILabHost> nodes, GaleraStart mode, CancellationToken ct)
    {
        if (nodes.Count == 0) return;
        if (mode == GaleraStart.SharedState)
        {
            progress(EngineText.BringUp.StartingTogether.In(language, string.Join(", ", nodes.Select(n => n.Name))));
            await Task.WhenAll(nodes.Select(n => n.StartAsync(ServiceCatalog.Galera, ct: ct)));
            await WaitSyncedAsync(nodes, nodes.Count, ct);
            return;
        }
        progress(EngineText.BringUp.NewCluster.In(language, nodes[0].Name));
        await nodes[0].StartAsync(ServiceCatalog.Galera, ["--wsrep-new-cluster"], ct);
        await WaitSyncedAsync([nodes[0]], 1, ct);
        for (var i = 1; i < nodes.Count; i++)
        {
            progress(EngineText.BringUp.Joining.In(language, nodes[i].Name));
            await nodes[i].StartAsync(ServiceCatalog.Galera, ct: ct);
            await WaitSyncedAsync(nodes.Take(i + 1).ToList(), i + 1, ct);
        }
    }

    /// <summary>Waits until every node is Primary/Synced in a component of <paramref name="size"/>, at most <paramref name="timeout"/> (default <see cref="SyncTimeout"/>).</summary>
    public async Task WaitSyncedAsync(IReadOnlyList<ILabHost> nodes, int size, CancellationToken ct, TimeSpan? timeout = null)
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
        }, new WaitPolicy(timeout ?? SyncTimeout, TimeSpan.FromMilliseconds(50)), ct);
    }

    /// <summary>Waits until each proxy shows at least <paramref name="backends"/> database backends, every one UP.</summary>
    public async Task WaitHaproxyAsync(IReadOnlyList<ILabHost> proxies, int backends, CancellationToken ct)
    {
        foreach (var proxy in proxies)
        {
            await until.HoldsAsync($"{proxy.Name}: every database backend UP", async c =>
            {
                var result = await proxy.RunAsync(HaproxyBackend.ShowStatCommand, timeout: TimeSpan.FromSeconds(5), ct: c);
                if (!result.Ok) return ProbeResult.No(result.Describe());
                var seen = HaproxyBackend.ParseShowStat(result.Stdout);
                return new ProbeResult(seen.Count(b => b.IsUp) >= backends && seen.All(b => b.IsUp), string.Join(", ", seen));
            }, new WaitPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)), ct);
        }
    }
}
