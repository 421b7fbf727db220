namespace Lab.Core.Tests.Support;

/// <summary>
/// Runs engine code on a <see cref="ManualTimeProvider"/>: whenever the code waits on a timer, the clock jumps to it.
/// Polls, timeouts and fake latencies all pass in virtual time; no real sleeping.
/// </summary>
public static class VirtualTime
{
    /// <summary>Real time after which a run is declared hung (only reached when the code waits on something other than the clock).</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    /// <summary>Real time a clock hold may delay one jump; bounded so that a hold nobody releases only slows a test.</summary>
    public static readonly TimeSpan HoldBound = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Drives the body from the thread pool, where there is no synchronization context. That matters: a continuation
    /// may then run inline on the thread that completes what it awaits, so when the loop fires a timer the engine runs
    /// inside that call up to its next wait on the clock, and the clock only moves once nothing else can happen at the
    /// current instant. Under xUnit's context continuations are posted elsewhere instead, and would race the loop (the
    /// clock could jump past a timer the engine was about to arm).
    /// </summary>
    public static Task<T> RunAsync<T>(ManualTimeProvider clock, Func<Task<T>> body) => Task.Run(() => DriveAsync(clock, body));

    public static Task RunAsync(ManualTimeProvider clock, Func<Task> body) =>
        RunAsync(clock, async () => { await body(); return true; });

    private static async Task<T> DriveAsync<T>(ManualTimeProvider clock, Func<Task<T>> body)
    {
        var run = body();
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, clock.WhenTimerArmed()).WaitAsync(HangGuard);
            if (run.IsCompleted) break;
            // Awaited, not spun: the holder needs a pool thread to get to its first statement.
            await Task.WhenAny(clock.WhenReleased(), Task.Delay(HoldBound));
            clock.TryAdvanceToNextTimer();
        }
        return await run;
    }
}
