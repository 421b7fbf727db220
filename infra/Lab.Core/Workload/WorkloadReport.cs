using Lab.Core.Hosts;
using Lab.Core.Messages;
using Lab.Core.Services;
using Lab.Core.Sql;

namespace Lab.Core.Workload;

/// <summary>What the writer saw, and the check that every acknowledged write exists on every node.</summary>
public sealed record WorkloadReport(IReadOnlyList<WriteRecord> Writes)
{
    public int Ok => Writes.Count(w => w.Outcome == WriteOutcome.Ok);
    public int Failed => Writes.Count(w => w.Outcome == WriteOutcome.Failed);
    public int Unknown => Writes.Count(w => w.Outcome == WriteOutcome.Unknown);

    /// <summary>The longest time between two consecutive acknowledged writes: the outage as the client felt it.</summary>
    public TimeSpan LongestInterruption
    {
        get
        {
            var acks = Writes.Where(w => w.Outcome == WriteOutcome.Ok).Select(w => w.Finished).Order().ToList();
            return acks.Count < 2 ? TimeSpan.Zero : acks.Zip(acks.Skip(1), (a, b) => b - a).Max();
        }
    }

    public override string ToString() => Describe(Language.En);

    public string Describe(Language language) =>
        EngineText.Workload.Writes.In(language, Writes.Count, Ok, Failed, Unknown, LongestInterruption.TotalSeconds);

    /// <summary>Reads the table on each node (causally, wsrep_sync_wait) and compares it with what was acknowledged.</summary>
    public async Task<WorkloadCheck> CheckAsync(IEnumerable<ILabHost> nodes, CancellationToken ct)
    {
        var acknowledged = Writes.Where(w => w.Outcome == WriteOutcome.Ok).Select(w => w.Id).ToHashSet();
        var refused = Writes.Where(w => w.Outcome == WriteOutcome.Failed).Select(w => w.Id).ToHashSet();
        var attempted = Writes.Select(w => w.Id).ToHashSet();
        var perNode = new List<NodeCheck>();
        foreach (var node in nodes)
        {
            // Galera: a causal read. A replica is read as it is; the expectation polls until it has caught up.
            var causal = node.Definition.Runs(ServiceCatalog.Galera) ? "SET SESSION wsrep_sync_wait=1; " : "";
            var result = await node.QueryAsync($"{causal}SELECT id FROM {WriteWorkload.Table}", ct: ct);
            if (!result.Ok) throw new SqlException(node.Name, $"SELECT id FROM {WriteWorkload.Table}", result);
            var present = result.Rows.Select(r => long.Parse(r[0])).ToHashSet();
            perNode.Add(new NodeCheck(node.Name, present.Count,
                acknowledged.Where(id => !present.Contains(id)).Order().ToList(),
                present.Where(id => !attempted.Contains(id)).Order().ToList(),
                present.Where(refused.Contains).Order().ToList()));
        }
        return new WorkloadCheck(perNode);
    }
}

/// <summary>
/// Per node: acknowledged ids that are missing (lost), ids nobody wrote (phantoms), and ids the client was told
/// definitely failed that are there anyway (the server applied a write it reported as refused: the client would retry
/// it or give up on it, so either way the data disagrees with what the application believes).
/// </summary>
public sealed record NodeCheck(string Node, int Rows, IReadOnlyList<long> Lost, IReadOnlyList<long> Phantoms, IReadOnlyList<long> FailedButPresent)
{
    public override string ToString() => Describe(Language.En);

    public string Describe(Language language) =>
        EngineText.Workload.NodeRows.In(language, Node, Rows)
        + (Lost.Count > 0 ? EngineText.Workload.Lost.In(language, Lost.Count, Ids(Lost)) : EngineText.Workload.NoneLost.In(language))
        + (Phantoms.Count > 0 ? EngineText.Workload.Phantoms.In(language, Phantoms.Count, Ids(Phantoms)) : "")
        + (FailedButPresent.Count > 0 ? EngineText.Workload.FailedButPresent.In(language, FailedButPresent.Count, Ids(FailedButPresent)) : "");

    private static string Ids(IReadOnlyList<long> ids) => string.Join(",", ids.Take(5)) + (ids.Count > 5 ? ",..." : "");
}

public sealed record WorkloadCheck(IReadOnlyList<NodeCheck> Nodes)
{
    public int Lost => Nodes.Sum(n => n.Lost.Count);
    public int Phantoms => Nodes.Sum(n => n.Phantoms.Count);
    public int FailedButPresent => Nodes.Sum(n => n.FailedButPresent.Count);
    public override string ToString() => string.Join("; ", Nodes);

    public string Describe(Language language) => string.Join("; ", Nodes.Select(n => n.Describe(language)));
}
