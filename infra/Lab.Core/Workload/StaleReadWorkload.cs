using Lab.Core.Hosts;
using Lab.Core.Sql;

namespace Lab.Core.Workload;

/// <summary>
/// Write on one node, then at once read the same row on another: from one host's own <c>mariadb</c> client (whose
/// [client] settings hold the lab user's password, e.g. the client host), switching servers with the client's
/// <c>connect</c> command, so the read starts only after the write was acknowledged. The reads cycle through the
/// reader nodes and the wsrep_sync_wait values given. Bounded in count and time.
/// </summary>
public sealed class StaleReadWorkload
{
    public const string Table = "labcheck.fresh";
    public const int MaxReads = 5_000;
    private const int Batch = 25;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan BatchTimeout = TimeSpan.FromMinutes(2);

    private readonly ILabHost _from;
    private readonly ILabHost _writer;
    private readonly IReadOnlyList<ILabHost> _readers;
    private readonly IReadOnlyList<int> _syncWaits;
    private readonly int _count;
    private readonly TimeProvider _clock;
    private readonly long _run = Random.Shared.NextInt64(1, 1L << 40);
    private readonly List<ReadRecord> _records = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    private StaleReadWorkload(ILabHost from, ILabHost writer, IReadOnlyList<ILabHost> readers, IReadOnlyList<int> syncWaits, int count, TimeProvider clock)
    {
        (_from, _writer, _readers, _syncWaits, _count, _clock) = (from, writer, readers, syncWaits, count, clock);
    }

    public string Writer => _writer.Name;
    public bool Finished => _loop is { IsCompleted: true };
    public int Planned => _count;

    public int Done
    {
        get { lock (_records) return _records.Count; }
    }

    /// <summary>Makes the table (kept between runs: each run has its own run number, so no row of an earlier run is ever read as this one's).</summary>
    public static async Task<StaleReadWorkload> StartAsync(ILabHost from, ILabHost writer, IReadOnlyList<ILabHost> readers, IReadOnlyList<int> syncWaits, int count,
        TimeProvider clock, CancellationToken ct)
    {
        if (readers.Count == 0 || syncWaits.Count == 0) throw new ArgumentException("no reader or no wsrep_sync_wait value");
        var create = $"CREATE DATABASE IF NOT EXISTS labcheck; CREATE TABLE IF NOT EXISTS {Table} (run BIGINT NOT NULL, id BIGINT NOT NULL, PRIMARY KEY (run, id))";
        var setup = await writer.QueryAsync($"{create}; SELECT run, id FROM {Table} LIMIT 0", ct: ct);
        // A table of that name made by hand with other columns is made again (ER_BAD_FIELD_ERROR: 1054).
        if (setup.ErrorCode == 1054) setup = await writer.QueryAsync($"DROP TABLE {Table}; {create}", ct: ct);
        if (!setup.Ok) throw new SqlException(writer.Name, $"create {Table}", setup);
        var workload = new StaleReadWorkload(from, writer, readers, syncWaits, Math.Clamp(count, 1, MaxReads), clock);
        workload._loop = Task.Run(() => workload.RunAsync(ct), CancellationToken.None);
        return workload;
    }

    /// <summary>The lines of write-then-read <paramref name="id"/>: connect to the writer, INSERT, connect to the reader, read.</summary>
    public static IReadOnlyList<string> Lines(long run, long id, string writerAddress, string readerAddress, int syncWait) =>
    [
        $"connect labcheck {writerAddress}",
        $"INSERT INTO {Table} (run, id) VALUES ({run}, {id});",
        $"connect labcheck {readerAddress}",
        $"SET SESSION wsrep_sync_wait = {syncWait}; SELECT '{SqlScript.Tag}', {id}, @@hostname, COUNT(*) FROM {Table} WHERE run = {run} AND id = {id};",
    ];

    private (ILabHost Reader, int SyncWait) Plan(long id) =>
        (_readers[(int)((id - 1) % _readers.Count)], _syncWaits[(int)((id - 1) / _readers.Count % _syncWaits.Count)]);

    private async Task RunAsync(CancellationToken outer)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(outer, _stop.Token);
        var start = _clock.GetTimestamp();
        for (long id = 1; id <= _count && !both.IsCancellationRequested && _clock.GetElapsedTime(start) < MaxDuration; id += Batch)
        {
            var ops = Enumerable.Range(0, (int)Math.Min(Batch, _count - id + 1)).Select(k =>
            {
                var (reader, wait) = Plan(id + k);
                return new ScriptOp(id + k, Lines(_run, id + k, _writer.Definition.Address, reader.Definition.Address, wait));
            }).ToList();
            var results = await SqlScript.RunAsync(_from, [], ops, BatchTimeout, CancellationToken.None);
            lock (_records) _records.AddRange(results.Select(Record));
        }
    }

    /// <summary>Acknowledged: the INSERT (line 1) raised nothing and the client went on past it. Found: the read counted the row.</summary>
    private ReadRecord Record(OpResult r)
    {
        var (reader, wait) = Plan(r.Id);
        var insertError = r.Errors.FirstOrDefault(e => e.Line <= 1);
        var readError = r.Errors.FirstOrDefault(e => e.Line >= 2);
        var row = r.Rows.FirstOrDefault();
        // The read must come from the reader it was meant for: a failed connect would leave the client elsewhere.
        bool? found = row is { Length: >= 4 } && row[2].Split('.')[0] == reader.Name ? row[3] != "0" : null;
        var acknowledged = insertError is null && (row is not null || readError is not null);
        var error = insertError ?? readError;
        return new ReadRecord(r.Id, reader.Name, wait, acknowledged, found, error is null ? null : $"ERROR {error.Code}: {error.Message}");
    }

    public async Task<StaleReadReport> StopAsync(bool now)
    {
        if (now) _stop.Cancel();
        if (_loop is not null) await _loop;
        lock (_records) return new StaleReadReport(_records.ToList(), _writer.Name);
    }
}
