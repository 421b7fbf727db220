using Lab.Core.Messages;

namespace Lab.Core.Scenarios;

/// <summary>The data-safety workloads a scenario can start, by the name it gives them (`kind:`).</summary>
public static class SafetyKinds
{
    public const string Increments = "increments";
    public const string StaleReads = "stale-reads";
    public static readonly string[] All = [Increments, StaleReads];
}

/// <summary>Read-modify-write increments of one counter, one writer through each host, <see cref="Count"/> each; <see cref="Locking"/>: SELECT ... FOR UPDATE.</summary>
public sealed record IncrementsAction(int Line, IReadOnlyList<string> Through, bool Locking, int Count) : ScenarioAction(Line)
{
    public override string Describe(Language language) => EngineText.Safety.StartIncrements.In(language, string.Join(", ", Through),
        (Locking ? EngineText.Safety.ForUpdate : EngineText.Safety.PlainRead).In(language), Count);
}

/// <summary>From one host: write on <see cref="Writer"/>, then read it at once on each reader in turn, with each wsrep_sync_wait value in turn.</summary>
public sealed record StaleReadsAction(int Line, string From, string Writer, IReadOnlyList<string> Readers, IReadOnlyList<int> SyncWaits, int Count) : ScenarioAction(Line)
{
    public override string Describe(Language language) =>
        EngineText.Safety.StartStaleReads.In(language, From, Writer, string.Join(", ", Readers), Count) +
        EngineText.Safety.SyncWaits.In(language, string.Join("/", SyncWaits));
}

/// <summary>Stops a data-safety workload early; its expectations otherwise wait for it to finish its count.</summary>
public sealed record StopSafetyAction(int Line, string Kind) : ScenarioAction(Line)
{
    public override string Describe(Language language) => EngineText.Safety.StopWorkload.In(language, Kind);
}

/// <summary>After the increments: how many committed increments the counter lost, bounded by <see cref="Min"/> and <see cref="Max"/>.</summary>
public sealed record LostUpdatesExpectation(int Line, TimeSpan Within, long? Min, long? Max, int MinAcknowledged) : Expectation(Line, Within)
{
    /// <summary>`deadlocks: { min, max }`: how many increments the clients saw refused with 1213 (conflicts between nodes).</summary>
    public (long? Min, long? Max)? Deadlocks { get; init; }

    public override string Describe(Language language) => EngineText.Safety.AtMostLostUpdates.In(language, Bounds.Text(Min, Max), MinAcknowledged) +
        (Deadlocks is { } d ? EngineText.Safety.DeadlocksSeen.In(language, Bounds.Text(d.Min, d.Max)) : "");
}

/// <summary>After the write-then-reads: how many reads with wsrep_sync_wait=<see cref="SyncWait"/> missed an acknowledged write.</summary>
public sealed record StaleReadsExpectation(int Line, TimeSpan Within, int SyncWait, long? Min, long? Max, int MinReads) : Expectation(Line, Within)
{
    public override string Describe(Language language) =>
        EngineText.Safety.StaleReadsWithin.In(language, SyncWait, Bounds.Text(Min, Max)) + EngineText.Safety.AtLeastReads.In(language, MinReads);
}

internal static class Bounds
{
    public static string Text(long? min, long? max) =>
        min is { } lo && max is { } hi ? (lo == hi ? $"{lo}" : $"{lo}..{hi}") : min is { } m ? $">= {m}" : $"<= {max}";

    public static bool Within(long value, long? min, long? max) => (min is not { } lo || value >= lo) && (max is not { } hi || value <= hi);
}
