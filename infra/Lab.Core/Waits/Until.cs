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
}

/// <summary>A condition that did not hold in time; carries what was seen last.</summary>
public sealed class WaitTimeoutException(string what, TimeSpan timeout, string lastObserved)
    : Lab.Core.Errors.LabException($"{what}: not true after {timeout.TotalSeconds:0.#}s; last seen: {lastObserved}")
{
    public string What { get; } = what;
    public string LastObserved { get; } = lastObserved;
}
