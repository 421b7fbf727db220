using Lab.Core.Hosts;
using Lab.Core.Services;
using Lab.Core.Sql;

namespace Lab.Core.Workload;

/// <summary>
/// Concurrent read-modify-write increments of one counter, one writer per host (each through its own <c>mariadb</c>:
/// on a database node, that node). Each increment is a transaction: read the counter (with <c>FOR UPDATE</c>, or a
/// plain consistent read as many applications do), write the value read plus one, add a journal row, commit. A
/// deadlock or a lost certification (1213) refuses it; the application would retry. Bounded in count and time.
/// </summary>
public sealed class IncrementWorkload
{
    public const string Counter = "labcheck.counter";
    public const string Journal = "labcheck.increments";
    public const int MaxPerWriter = 5_000;
    private const int Batch = 25;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(2);

    private readonly IReadOnlyList<ILabHost> _writers;
    private readonly int _perWriter;
    private readonly TimeProvider _clock;
    private readonly List<IncrementRecord> _records = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loops;

    private IncrementWorkload(IReadOnlyList<ILabHost> writers, bool locking, int perWriter, TimeProvider clock)
    {
        _writers = writers;
        Locking = locking;
        _perWriter = perWriter;
        _clock = clock;
    }

    public bool Locking { get; }
    public IReadOnlyList<string> Through => _writers.Select(w => w.Name).ToList();
    public bool Finished => _loops is { IsCompleted: true };

    public int Done
    {
        get { lock (_records) return _records.Count; }
    }

    public int Planned => _writers.Count * _perWriter;

    /// <summary>Creates the counter (at 0) and the journal afresh, waits until every writer's node has them, and starts the writers.</summary>
    public static async Task<IncrementWorkload> StartAsync(IReadOnlyList<ILabHost> writers, bool locking, int perWriter, TimeProvider clock, CancellationToken ct)
    {
        if (writers.Count == 0) throw new ArgumentException("no writer", nameof(writers));
        var first = writers[0];
        var setup = await first.QueryAsync(
            $"CREATE DATABASE IF NOT EXISTS labcheck; DROP TABLE IF EXISTS {Counter}, {Journal}; " +
            $"CREATE TABLE {Counter} (id INT PRIMARY KEY, v BIGINT NOT NULL); INSERT INTO {Counter} VALUES (1, 0); " +
            $"CREATE TABLE {Journal} (writer INT NOT NULL, n INT NOT NULL, PRIMARY KEY (writer, n))", ct: ct);
        if (!setup.Ok) throw new SqlException(first.Name, $"create {Counter} and {Journal}", setup);
        foreach (var writer in writers.Skip(1))
        {
            // A causal read waits until this node has applied the tables' creation, so no writer starts on a node without them.
            var seen = await writer.QueryAsync($"{Causal(writer)}SELECT v FROM {Counter} WHERE id = 1", ct: ct);
            if (!seen.Ok) throw new SqlException(writer.Name, $"SELECT v FROM {Counter}", seen);
        }
        var workload = new IncrementWorkload(writers, locking, Math.Clamp(perWriter, 1, MaxPerWriter), clock);
        workload._loops = Task.WhenAll(writers.Select((w, i) => Task.Run(() => workload.WriteAsync(w, i + 1, ct), CancellationToken.None)));
        return workload;
    }

    internal static string Causal(ILabHost host) => host.Definition.Runs(ServiceCatalog.Galera) ? "SET SESSION wsrep_sync_wait = 1; " : "";

    /// <summary>The statement of increment <paramref name="n"/> by writer <paramref name="writer"/>, on one line.</summary>
    public static string Statement(int writer, long n, bool locking) =>
        "BEGIN NOT ATOMIC DECLARE x BIGINT; " +
        // Any error ends the increment: without this the statements after a rolled-back one would run on their own, in
        // autocommit, and write a value the increment never meant to.
        "DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END; " +
        $"START TRANSACTION; SELECT v INTO x FROM {Counter} WHERE id = 1{(locking ? " FOR UPDATE" : "")}; " +
        $"UPDATE {Counter} SET v = x + 1 WHERE id = 1; INSERT INTO {Journal} (writer, n) VALUES ({writer}, {n}); COMMIT; " +
        $"SELECT '{SqlScript.Tag}', {n}; END//";

    private async Task WriteAsync(ILabHost host, int writer, CancellationToken outer)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(outer, _stop.Token);
        var start = _clock.GetTimestamp();
        for (long n = 1; n <= _perWriter && !both.IsCancellationRequested && _clock.GetElapsedTime(start) < MaxDuration; n += Batch)
        {
            var ops = Enumerable.Range(0, (int)Math.Min(Batch, _perWriter - n + 1))
                .Select(k => new ScriptOp(n + k, [Statement(writer, n + k, Locking)])).ToList();
            var results = await SqlScript.RunAsync(host, ["DELIMITER //"], ops, BatchTimeout, CancellationToken.None);
            lock (_records) _records.AddRange(results.Select(r => new IncrementRecord(host.Name, r.Id, r.Outcome, r.ErrorCode, r.Errors.Count > 0 ? $"ERROR {r.Errors[0].Code}: {r.Errors[0].Message}" : null, writer)));
        }
    }

    /// <summary>Stops the writers without a report (the scenario ended before looking at it).</summary>
    public async Task CancelAsync()
    {
        _stop.Cancel();
        if (_loops is not null) await _loops;
    }

    /// <summary>Waits for (or, with <paramref name="now"/>, stops) the writers, then reads the counter and journal on <paramref name="node"/>.</summary>
    public async Task<IncrementReport> StopAsync(ILabHost node, bool now, CancellationToken ct)
    {
        if (now) _stop.Cancel();
        if (_loops is not null) await _loops;
        List<IncrementRecord> records;
        lock (_records) records = _records.ToList();
        return await ReadAsync(node, records, ct);
    }

    private async Task<IncrementReport> ReadAsync(ILabHost node, List<IncrementRecord> records, CancellationToken ct)
    {
        var counter = await node.QueryAsync($"{Causal(node)}SELECT v FROM {Counter} WHERE id = 1", ct: ct);
        if (!counter.Ok || counter.Scalar is null) throw new SqlException(node.Name, $"SELECT v FROM {Counter}", counter);
        var journal = await node.QueryAsync($"{Causal(node)}SELECT writer, n FROM {Journal}", ct: ct);
        if (!journal.Ok) throw new SqlException(node.Name, $"SELECT writer, n FROM {Journal}", journal);
        var present = journal.Rows.Select(r => (Slot: int.Parse(r[0]), N: long.Parse(r[1]))).ToHashSet();
        var missing = records.Count(r => r.Outcome == OpOutcome.Ok && !present.Contains((r.Slot, r.N)));
        return new IncrementReport(records, long.Parse(counter.Scalar), journal.Rows.Count, missing, Locking);
    }
}
