using Lab.Core.Hosts;
using Lab.Core.Sql;

namespace Lab.Core.Workload;

public enum WriteOutcome { Ok, Failed, Unknown }

/// <summary>One INSERT: its id, what the client was told, and when.</summary>
public sealed record WriteRecord(long Id, WriteOutcome Outcome, TimeSpan Started, TimeSpan Finished, string? Error);

/// <summary>
/// A client writing unique ids through HAProxy, one autocommit INSERT at a time, recording for each whether it was
/// acknowledged (ok), refused before it could apply (failed) or left in doubt (unknown: the connection died mid-way).
/// Bounded in count and time so it can never run away.
/// </summary>
public sealed class WriteWorkload
{
    public const string Table = "labcheck.writes";
    private const int MaxWrites = 20_000;
    private static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    // Errors raised before the statement could apply: not connected, refused by a non-Primary node or a read-only
    // server (1290: a replica holding the virtual IP before its promotion), or rolled back.
    private static readonly int[] DefiniteFailures = [1047, 1213, 2002, 2003, 1205, 1290];

    private readonly ILabHost _client;
    private readonly TimeProvider _clock;
    private readonly List<WriteRecord> _records = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly long _start;
    private Task? _loop;

    private WriteWorkload(ILabHost client, TimeProvider clock)
    {
        _client = client;
        _clock = clock;
        _start = clock.GetTimestamp();
    }

    public string Through => _client.Name;

    public static async Task<WriteWorkload> StartAsync(ILabHost client, TimeProvider clock, CancellationToken ct)
    {
        var setup = await client.QueryAsync(
            $"CREATE DATABASE IF NOT EXISTS labcheck; DROP TABLE IF EXISTS {Table}; " +
            $"CREATE TABLE {Table} (id BIGINT PRIMARY KEY, written_at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6))", ct: ct);
        if (!setup.Ok) throw new SqlException(client.Name, $"create {Table}", setup);
        var workload = new WriteWorkload(client, clock);
        workload._loop = Task.Run(() => workload.RunAsync(ct), CancellationToken.None);
        return workload;
    }

    private async Task RunAsync(CancellationToken outer)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(outer, _stop.Token);
        for (long id = 1; id <= MaxWrites && !both.IsCancellationRequested && _clock.GetElapsedTime(_start) < MaxDuration; id++)
        {
            var started = _clock.GetElapsedTime(_start);
            SqlResult result;
            try
            {
                // Each write uses a fresh client connection through HAProxy, as a short-lived application request would.
                result = await _client.QueryAsync($"INSERT INTO {Table} (id) VALUES ({id})", timeout: TimeSpan.FromSeconds(5), ct: CancellationToken.None);
            }
            catch (Exception e)
            {
                result = new SqlResult([], -1, e.Message);
            }
            var outcome = result.Ok ? WriteOutcome.Ok
                : result.ErrorCode is { } code && DefiniteFailures.Contains(code) ? WriteOutcome.Failed
                : WriteOutcome.Unknown;
            lock (_records) _records.Add(new WriteRecord(id, outcome, started, _clock.GetElapsedTime(_start), result.Ok ? null : result.ToString()));
        }
    }

    /// <summary>Stops the writer and returns what the client saw.</summary>
    public async Task<WorkloadReport> StopAsync()
    {
        _stop.Cancel();
        if (_loop is not null) await _loop;
        lock (_records) return new WorkloadReport(_records.ToList());
    }
}
