using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Core.Replication;

/// <summary>
/// The MHA procedure after the primary died: freeze what every candidate received, pick the one that received the
/// most (by GTID), let it apply its relay log, promote it, and point the other candidates at it.
/// </summary>
public sealed class MostAdvancedPromotion(LabInstance instance, Until until, Action<string> note)
{
    public static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(60);

    public async Task<string> RunAsync(IReadOnlyList<ILabHost> candidates, CancellationToken ct)
    {
        // The dead primary sends nothing more; stopping the IO threads makes "received" a fixed fact to compare.
        foreach (var c in candidates) await c.ExecuteAsync("STOP SLAVE IO_THREAD", ct);
        var received = new List<(ILabHost Host, GtidPosition Position)>();
        foreach (var c in candidates) received.Add((c, (await ReplicaStatus.ReadAsync(c, ct)).Received));
        var best = received.OrderByDescending(r => r.Position.Total).First();
        var seen = string.Join(", ", received.Select(r => $"{r.Host.Name} received {r.Position}"));
        note($"{seen}: {best.Host.Name} is the most up to date");

        var operations = new ReplicationOperations(instance, until);
        // It must apply everything it received before taking writes, even if its SQL thread had been stopped.
        await best.Host.ExecuteAsync("START SLAVE SQL_THREAD", ct);
        var applyTime = await operations.WaitAppliedAsync(best.Host, ApplyTimeout, ct);
        var promoted = await ReplicationOperations.PromoteAsync(best.Host, ct);
        note(promoted);
        var repointed = new List<string>();
        foreach (var other in candidates.Where(c => c != best.Host))
            repointed.Add(await operations.AttachAsync(other, best.Host, AttachStart.Keep, ct));
        return $"{seen} → {best.Host.Name} (applied its relay log in {applyTime.TotalSeconds:0.00}s), promoted; " + string.Join("; ", repointed);
    }
}
