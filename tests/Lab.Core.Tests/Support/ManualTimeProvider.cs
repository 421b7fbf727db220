namespace Lab.Core.Tests.Support;

/// <summary>
/// A clock that only moves when the test says so. Timers created through it (as <c>Task.Delay(delay, provider)</c>
/// does) fire when the clock is advanced past their due time, so waits run without real time passing.
/// </summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<TimeSpan> _requested = [];
    private DateTimeOffset _now = start;
    private TaskCompletionSource _armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ManualTimeProvider() : this(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }
    public override long GetTimestamp() { lock (_gate) return _now.UtcTicks; }
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Every due time a timer was armed with, in order (what Task.Delay was asked to wait).</summary>
    public IReadOnlyList<TimeSpan> RequestedDelays { get { lock (_gate) return _requested.ToList(); } }

    public int ArmedTimers { get { lock (_gate) return _timers.Count(t => t.DueAt is not null); } }

    /// <summary>
    /// Something running beside the engine that is about to arm a timer of its own (a writer between its start and
    /// its first statement): a driver should not move the clock until the hold is disposed, or it would run ahead.
    /// </summary>
    public IDisposable Hold()
    {
        lock (_gate)
            if (_holds++ == 0) _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new HoldRelease(this);
    }

    /// <summary>Completes when no hold is left (at once if none is taken).</summary>
    public Task WhenReleased()
    {
        lock (_gate) return _holds == 0 ? Task.CompletedTask : _released.Task;
    }

    private int _holds;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void ReleaseHold()
    {
        TaskCompletionSource? signal = null;
        lock (_gate)
            if (--_holds == 0) signal = _released;
        signal?.TrySetResult();
    }

    private sealed class HoldRelease(ManualTimeProvider owner) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) owner.ReleaseHold();
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        lock (_gate) _timers.Add(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Completes once some timer is armed (at once if one already is).</summary>
    public Task WhenTimerArmed()
    {
        lock (_gate)
            return _timers.Any(t => t.DueAt is not null) ? Task.CompletedTask : _armed.Task;
    }

    /// <summary>Moves the clock to the earliest armed timer's due time and fires every timer due by then.</summary>
    public void AdvanceToNextTimer()
    {
        DateTimeOffset next;
        lock (_gate)
        {
            var armed = _timers.Where(t => t.DueAt is not null).ToList();
            if (armed.Count == 0) throw new InvalidOperationException("no timer is armed");
            next = armed.Min(t => t.DueAt!.Value);
        }
        Advance(next - GetUtcNow());
    }

    /// <summary>
    /// As <see cref="AdvanceToNextTimer"/>, but false instead of an exception when no timer is armed: with several
    /// activities on the clock (a scenario and a writer), the timer seen armed a moment ago may have fired already.
    /// </summary>
    public bool TryAdvanceToNextTimer()
    {
        DateTimeOffset next;
        lock (_gate)
        {
            var armed = _timers.Where(t => t.DueAt is not null).ToList();
            if (armed.Count == 0) return false;
            next = armed.Min(t => t.DueAt!.Value);
        }
        Advance(next - GetUtcNow());
        return true;
    }

    public void Advance(TimeSpan by)
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.DueAt is { } at && at <= _now).ToList();
            foreach (var t in due)
                t.DueAt = t.Period > TimeSpan.Zero && t.Period != Timeout.InfiniteTimeSpan ? _now + t.Period : null;
        }
        foreach (var t in due) t.Fire();
    }

    private void Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        TaskCompletionSource? signal = null;
        lock (_gate)
        {
            timer.Period = period;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                return;
            }
            timer.DueAt = _now + dueTime;
            _requested.Add(dueTime);
            signal = _armed;
            _armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        signal.TrySetResult();
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate) _timers.Remove(timer);
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset? DueAt { get; set; }
        public TimeSpan Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Arm(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
