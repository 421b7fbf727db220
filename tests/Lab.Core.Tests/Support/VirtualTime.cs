namespace Lab.Core.Tests.Support;

/// <summary>
/// Runs engine code on a <see cref="ManualTimeProvider"/>: whenever the code waits on a timer, the clock jumps to it.
/// Polls, timeouts and fake latencies all pass in virtual time; no real sleeping.
/// </summary>
public static class VirtualTime
{
    /// <summary>Real time after which a run is declared hung (only reached when the code waits on something other than the clock).</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    public static async Task<T> RunAsync<T>(ManualTimeProvider clock, Func<Task<T>> body)
    {
        // Off the test's synchronization context, so continuations after a timer fires run at once, before the next jump.
        var run = Task.Run(body);
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, clock.WhenTimerArmed()).WaitAsync(HangGuard);
            if (!run.IsCompleted) clock.TryAdvanceToNextTimer();
        }
        return await run;
    }

    public static Task RunAsync(ManualTimeProvider clock, Func<Task> body) =>
        RunAsync(clock, async () => { await body(); return true; });
}
