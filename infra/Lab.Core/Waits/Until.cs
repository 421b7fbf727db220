namespace Lab.Core.Waits;

/// <summary>
/// Polls a probe until it holds or the policy's timeout passes. Never a fixed sleep: each wait ends as soon as its
/// condition is seen. The clock is injected so tests run without real time.
/// </summary>
public sealed class Until
{
    private readonly TimeProvider _clock;
    private readonly double _pace;

    public Until(TimeProvider clock, double pace = 1) => (_clock, _pace) = (clock, pace);

    /// <summary>
    /// The same waits with every timeout stretched by <paramref name="pace"/>: hosts that run slower than native
    /// (VMs under software emulation) get as many chances, not fewer. Intervals are unchanged, and a condition that
    /// holds still ends its wait at once.
    /// </summary>
    public Until Paced(double pace) => new(_clock, pace);

    /// <summary>How much the timeouts are stretched (1 on native hosts).</summary>
    public double Pace => _pace;

    public static Until Real { get; } = new(TimeProvider.System);

    /// <summary>The clock the waits run on, for callers that time what they do with the same clock.</summary>
    public TimeProvider Clock => _clock;

    /// <summary>Returns the probe's last result (satisfied) and how long it took; throws <see cref="WaitTimeoutException"/> otherwise.</summary>
    public async Task<(ProbeResult Result, TimeSpan Elapsed)> HoldsAsync(string what, Probe probe, WaitPolicy policy, CancellationToken ct)
    {
        var start = _clock.GetTimestamp();
        var last = ProbeResult.No("not checked yet");
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                last = await probe(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = ProbeResult.No(e.Message);
            }
            var elapsed = _clock.GetElapsedTime(start);
            if (last.Satisfied) return (last, elapsed);
            var timeout = policy.Timeout * _pace;
            if (elapsed >= timeout)
                throw new WaitTimeoutException(what, timeout, last.Observed);
            var remaining = timeout - elapsed;
            await Task.Delay(remaining < policy.Interval ? remaining : policy.Interval, _clock, ct);
        }
    }

    /// <summary>
    /// Polls a condition already seen true for <paramref name="hold"/> (stretched by the pace, like every timeout: on slow
    /// hosts what it rules out takes longer too) and returns its last result; throws <see cref="HoldBrokenException"/> at
    /// the first poll that finds it false or failing. The one wait that runs its full length: showing that something
    /// does not happen takes watching for longer than it would take.
    /// </summary>
    public async Task<ProbeResult> StaysAsync(string what, Probe probe, TimeSpan hold, TimeSpan interval, CancellationToken ct)
    {
        var start = _clock.GetTimestamp();
        var length = hold * _pace;
        while (true)
        {
            var elapsed = _clock.GetElapsedTime(start);
            var remaining = length - elapsed;
            await Task.Delay(remaining < interval ? remaining : interval, _clock, ct);
            ProbeResult last;
            try
            {
                last = await probe(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                last = ProbeResult.No(e.Message);
            }
            elapsed = _clock.GetElapsedTime(start);
            if (!last.Satisfied) throw new HoldBrokenException(what, length, elapsed, last.Observed);
            if (elapsed >= length) return last;
        }
    }
}

/// <summary>A condition that held, then stopped holding before its hold ended; carries when, and what was seen then.</summary>
public sealed class HoldBrokenException(string what, TimeSpan hold, TimeSpan after, string observed)
    : Lab.Core.Errors.LabException($"{what}: stopped holding after {after.TotalSeconds:0.0#}s of {hold.TotalSeconds:0.#}s; seen then: {observed}")
{
    public TimeSpan Hold { get; } = hold;
    public TimeSpan After { get; } = after;
    public string Observed { get; } = observed;
}

/// <summary>A condition that did not hold in time; carries what was seen last.</summary>
public sealed class WaitTimeoutException(string what, TimeSpan timeout, string lastObserved)
    : Lab.Core.Errors.LabException($"{what}: not true after {timeout.TotalSeconds:0.#}s; last seen: {lastObserved}")
{
    public string What { get; } = what;
    public string LastObserved { get; } = lastObserved;
}
