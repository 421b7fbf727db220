using System.Text.RegularExpressions;

namespace Lab.Core.Tests.Support;

/// <summary>
/// The engine's writer runs its loop on the thread pool, outside the virtual-time driver. Between the writer's
/// set-up (its CREATE TABLE succeeded) and its first INSERT waiting on the clock, nothing the driver can see says
/// it is coming, so the clock is held: otherwise a scenario's polls could run to their timeout before the writer wrote
/// anything. From its first INSERT on, the writer's steps run inline with the driver like the engine's.
/// </summary>
public sealed partial class WriterStartHold
{
    private readonly Lock _gate = new();
    private readonly ManualTimeProvider _clock;
    private IDisposable? _hold;

    [GeneratedRegex(@"^CREATE TABLE labcheck\.writes\b", RegexOptions.IgnoreCase)]
    private static partial Regex Setup();

    [GeneratedRegex(@"^INSERT INTO labcheck\.writes ", RegexOptions.IgnoreCase)]
    private static partial Regex Insert();

    public WriterStartHold(ManualTimeProvider clock, IEnumerable<FakeHost> servers)
    {
        _clock = clock;
        foreach (var server in servers)
        {
            server.Sql.OnExecuted(s => { if (Setup().IsMatch(s)) Take(); });
            server.Sql.OnDelayArmed(s => { if (Insert().IsMatch(s)) Release(); });
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
