using Lab.Core.Messages;

namespace Lab.Core.Workload;

/// <summary>
/// One write-then-read: the write on one node acknowledged or not, then a read of that row on another node with the
/// given wsrep_sync_wait. <see cref="Found"/> is null when the read gave no answer (an error such as a causal wait timing out).
/// </summary>
public sealed record ReadRecord(long Id, string Reader, int SyncWait, bool Acknowledged, bool? Found, string? Error)
{
    /// <summary>The row was acknowledged on the writer before the read began, and the read did not see it.</summary>
    public bool Stale => Acknowledged && Found == false;
}

/// <summary>Per wsrep_sync_wait value: how many reads followed an acknowledged write, and how many of them missed it.</summary>
public sealed record StaleReadCount(int SyncWait, int Reads, int Stale, int Failed);

/// <summary>The stale-read check: reads that missed a write the client had already been told was committed.</summary>
public sealed record StaleReadReport(IReadOnlyList<ReadRecord> Reads, string Writer)
{
    public IReadOnlyList<StaleReadCount> BySyncWait =>
        Reads.Where(r => r.Acknowledged).GroupBy(r => r.SyncWait).OrderBy(g => g.Key)
            .Select(g => new StaleReadCount(g.Key, g.Count(r => r.Found is not null), g.Count(r => r.Stale), g.Count(r => r.Found is null)))
            .ToList();

    public StaleReadCount For(int syncWait) => BySyncWait.FirstOrDefault(c => c.SyncWait == syncWait) ?? new StaleReadCount(syncWait, 0, 0, 0);

    public int Unacknowledged => Reads.Count(r => !r.Acknowledged);

    public override string ToString() => Describe(Language.En);

    public string Describe(Language language) =>
        EngineText.Safety.StaleReadsFrom.In(language, Writer, string.Join(", ", Reads.Select(r => r.Reader).Distinct())) +
        string.Join("; ", BySyncWait.Select(c => EngineText.Safety.StaleReads.In(language, c.SyncWait, c.Reads, c.Stale)
            + (c.Failed > 0 ? EngineText.Safety.ReadsFailed.In(language, c.Failed) : "")))
        + (Unacknowledged > 0 ? EngineText.Safety.WritesNotAcknowledged.In(language, Unacknowledged) : "")
        + (Reads.FirstOrDefault(r => r.Error is not null)?.Error is { } error ? EngineText.Safety.FirstError.In(language, error) : "");
}
