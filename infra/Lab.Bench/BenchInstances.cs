using System.Collections.Concurrent;
using System.Diagnostics;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Targets;
using Lab.Core.Model;
using Lab.Instances;
using Lab.Targets.Local;

namespace Lab.Bench;

/// <summary>
/// The instances one bench run creates: names unique to the run (bench-&lt;run&gt;-&lt;purpose&gt;), each timed, and every
/// one still up torn down on dispose, whether the run finished, failed or was interrupted.
/// </summary>
public sealed class BenchInstances(LocalTarget target, string runId) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte> _live = new();

    /// <summary>A short random id: two bench runs (or a leftover of a killed one) never share instance names.</summary>
    public static string NewRunId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..4];

    public string RunId => runId;

    public string Name(string purpose) => InstanceName.Validate($"bench-{runId}-{purpose}");

    public IReadOnlyCollection<string> Live => _live.Keys.ToList();

    public async Task<(LabInstance Instance, TimeSpan Elapsed)> UpAsync(LabDefinition lab, string name, GaleraStart start, Action<string> progress, CancellationToken ct)
    {
        _live[name] = 0; // before up starts: an interrupted up leaves pieces behind that dispose must remove
        var clock = Stopwatch.StartNew();
        var instance = await target.UpAsync(new UpRequest(lab, name, start), progress, ct);
        return (instance, clock.Elapsed);
    }

    /// <summary>Never cancelled: a half-removed instance is worse than a slower Ctrl-C.</summary>
    public async Task<TimeSpan> DownAsync(string name)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await target.DownAsync(name, CancellationToken.None);
        }
        catch (IOException)
        {
            // Seen once under heavy load: a directory vanished while the tree was being deleted. Down is idempotent.
            await target.DownAsync(name, CancellationToken.None);
        }
        _live.TryRemove(name, out _);
        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in Live)
        {
            try { await DownAsync(name); }
            catch (Exception) { /* keep going: the others must still be removed; `lab down --instance` can retry */ }
        }
    }
}
