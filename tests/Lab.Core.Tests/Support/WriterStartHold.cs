using System.Text.RegularExpressions;

namespace Lab.Core.Tests.Support;

/// <summary>
/// The engine's writer runs its loop on the thread pool, outside the virtual-time driver. Between the writer's
/// set-up (its CREATE TABLE came back) and its first INSERT waiting on the clock, nothing the driver can see says it
/// is coming, so the clock is held: otherwise a scenario's polls could run to their timeout before the writer wrote
/// anything. The hold ends when the writer's first INSERT starts waiting (server latency, refused connection, paused
/// server) or comes back. From then on the writer's steps run inline with the driver like the engine's.
/// </summary>
public sealed partial class WriterStartHold
{
    private readonly Lock _gate = new();
    private readonly ManualTimeProvider _clock;
    private IDisposable? _hold;

    [GeneratedRegex(@"CREATE TABLE labcheck\.writes\b", RegexOptions.IgnoreCase)]
    private static partial Regex Setup();

    [GeneratedRegex(@"^INSERT INTO labcheck\.writes ", RegexOptions.IgnoreCase)]
    private static partial Regex Insert();

    public WriterStartHold(ManualTimeProvider clock, IEnumerable<FakeHost> clients)
    {
        _clock = clock;
        foreach (var client in clients)
        {
            client.OnCommandDone((c, result) =>
            {
                if (c.Stdin is not { } sql) return;
                if (Insert().IsMatch(sql)) Release();
                else if (result.Ok && Setup().IsMatch(sql)) Take();
            });
            client.OnWaiting(c => { if (c.Stdin is { } sql && Insert().IsMatch(sql)) Release(); });
        }
    }

    private void Take()
    {
        lock (_gate) _hold ??= _clock.Hold();
    }

    private void Release()
    {
        lock (_gate)
        {
            _hold?.Dispose();
            _hold = null;
        }
    }
}
