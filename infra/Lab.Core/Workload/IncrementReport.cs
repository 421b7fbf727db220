using Lab.Core.Messages;

namespace Lab.Core.Workload;

/// <summary>
/// One read-modify-write increment: which writer ran it (its host, and its place in the list: several writers may share
/// a host, e.g. the client through HAProxy), its number, and what the client was told.
/// </summary>
public sealed record IncrementRecord(string Writer, long N, OpOutcome Outcome, int? ErrorCode, string? Error = null, int Slot = 1);

/// <summary>
/// The lost-update check. Each increment commits a journal row in the same transaction as the counter's new value, so
/// the journal counts the increments that committed; the counter should have grown by exactly as many. A counter
/// below the journal is a lost update: a committed increment that wrote a value computed from a stale read, undoing
/// another's. A journal without an acknowledged increment's row is a lost write.
/// </summary>
/// <param name="Counter">The counter's final value (it started at 0).</param>
/// <param name="Journal">The journal rows: increments that committed.</param>
/// <param name="MissingAcknowledged">Acknowledged increments whose journal row is not there.</param>
public sealed record IncrementReport(IReadOnlyList<IncrementRecord> Increments, long Counter, long Journal, int MissingAcknowledged, bool Locking)
{
    public int Tried => Increments.Count;
    public int Acknowledged => Increments.Count(i => i.Outcome == OpOutcome.Ok);
    public int Refused => Increments.Count(i => i.Outcome == OpOutcome.Failed);
    public int InDoubt => Increments.Count(i => i.Outcome == OpOutcome.Unknown);

    /// <summary>Refused with 1213: a deadlock, or losing Galera's certification to a conflicting commit on another node.</summary>
    public int Deadlocks => Increments.Count(i => i.ErrorCode == 1213);

    /// <summary>Committed increments the counter does not show.</summary>
    public long LostUpdates => Math.Max(0, Journal - Counter);

    /// <summary>The counter grew by more than committed: something wrote it outside the workload's transactions.</summary>
    public long Extra => Math.Max(0, Counter - Journal);

    /// <summary>Acknowledged increments missing from the counter, as the brief states it: fewer than acknowledged means lost.</summary>
    public long BelowAcknowledged => Math.Max(0, Acknowledged - Counter);

    public override string ToString() => Describe(Language.En);

    public string Describe(Language language) =>
        EngineText.Safety.Increments.In(language, Tried, Acknowledged, Refused, InDoubt,
            (Locking ? EngineText.Safety.ForUpdate : EngineText.Safety.PlainRead).In(language))
        + EngineText.Safety.CounterAndJournal.In(language, Counter, Journal)
        + (LostUpdates > 0 ? EngineText.Safety.LostUpdates.In(language, LostUpdates) : EngineText.Safety.NoLostUpdates.In(language))
        + (MissingAcknowledged > 0 ? EngineText.Safety.MissingAcknowledged.In(language, MissingAcknowledged) : "")
        + (Extra > 0 ? EngineText.Safety.ExtraIncrements.In(language, Extra) : "")
        // A deadlock is the expected refusal; anything else (no table, no connection) is worth seeing.
        + (Increments.FirstOrDefault(i => i.Error is not null && i.ErrorCode != 1213) is { } other ? EngineText.Safety.FirstError.In(language, $"{other.Writer}: {other.Error}") : "");
}
