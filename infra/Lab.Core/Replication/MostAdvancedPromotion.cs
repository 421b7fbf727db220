using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Core.Replication;

/// <summary>
/// The MHA procedure after the primary died: freeze what every candidate received, pick the one that received the
/// most (by GTID), let it apply its relay log, promote it, and point the other candidates at it.
/// </summary>
public sealed class MostAdvancedPromotion(LabInstance instance, Until until, Action<string> note, Language language = Language.En)
{
    public static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(60);

    public async Task<string> RunAsync(IReadOnlyList<ILabHost> candidates, CancellationToken ct)
    {
        // A stopped SQL thread is started while the IO thread still runs: in GTID mode, START SLAVE with both
        // threads stopped discards the relay log and refetches from the primary, which is dead, so what was
        // received but not applied would be lost.
        foreach (var c in candidates)
        {
            var status = await ReplicaStatus.ReadAsync(c, ct);
            if (status["Slave_SQL_Running"] != "Yes" && status["Slave_IO_Running"] != "No")
                await c.ExecuteAsync("START SLAVE SQL_THREAD", ct);
        }
        // The dead primary sends nothing more; stopping the IO threads makes "received" a fixed fact to compare.
        foreach (var c in candidates) await c.ExecuteAsync("STOP SLAVE IO_THREAD", ct);
        var received = new List<(ILabHost Host, GtidPosition Position)>();
        foreach (var c in candidates) received.Add((c, (await ReplicaStatus.ReadAsync(c, ct)).Received));
        var best = received.OrderByDescending(r => r.Position.Total).First();
        var seen = string.Join(", ", received.Select(r => EngineText.Replication.Received.In(language, r.Host.Name, r.Position.ToString())));
        note(EngineText.Replication.MostUpToDate.In(language, seen, best.Host.Name));

        var operations = new ReplicationOperations(instance, until, language);
        var applyTime = await operations.WaitAppliedAsync(best.Host, best.Position, ApplyTimeout, ct);
        var promoted = await ReplicationOperations.PromoteAsync(best.Host, ct, language);
        note(promoted);
        var repointed = new List<string>();
        foreach (var other in candidates.Where(c => c != best.Host))
            repointed.Add(await operations.AttachAsync(other, best.Host, AttachStart.Keep, ct));
        return EngineText.Replication.PromotedMostAdvanced.In(language, seen, best.Host.Name, best.Position.ToString(), applyTime.TotalSeconds) + string.Join("; ", repointed);
    }
}
