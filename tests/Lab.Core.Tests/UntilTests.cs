using Lab.Core.Tests.Support;
using Lab.Core.Waits;

namespace Lab.Core.Tests;

/// <summary>Until polls on an injected clock: every test here runs on virtual time, none sleeps.</summary>
public sealed class UntilTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10); // only trips if the wait hangs

    /// <summary>Advances the virtual clock to each timer the wait arms, until the wait ends.</summary>
    private static async Task<T> Drive<T>(ManualTimeProvider clock, Task<T> wait)
    {
        while (!wait.IsCompleted)
        {
            await Task.WhenAny(wait, clock.WhenTimerArmed()).WaitAsync(Guard);
            if (!wait.IsCompleted) clock.AdvanceToNextTimer();
        }
        return await wait;
    }

    private sealed class CountingProbe(Func<int, ProbeResult> answer)
    {
        private int _polls;
        public int Polls => Volatile.Read(ref _polls);

        public Task<ProbeResult> Run(CancellationToken _) => Task.FromResult(answer(Interlocked.Increment(ref _polls)));
    }

    [Fact]
    public async Task Given_a_probe_true_on_the_fourth_poll_When_waiting_Then_it_returns_after_three_intervals_of_virtual_time()
    {
        var clock = new ManualTimeProvider();
        var probe = new CountingProbe(n => n >= 4 ? ProbeResult.Yes($"Synced at poll {n}") : ProbeResult.No($"Joining at poll {n}"));
        var policy = new WaitPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        var started = clock.GetUtcNow();

        var (result, elapsed) = await Drive(clock, new Until(clock).HoldsAsync("db1 Synced", probe.Run, policy, CancellationToken.None));

        Assert.True(result.Satisfied, $"expected a satisfied result, got: {result}");
        Assert.True(probe.Polls == 4, $"expected 4 polls, observed {probe.Polls}");
        Assert.True(result.Observed == "Synced at poll 4", $"expected the satisfying observation, got '{result.Observed}'");
        Assert.True(elapsed == TimeSpan.FromMilliseconds(600), $"expected 600 ms of virtual time, observed {elapsed.TotalMilliseconds} ms");
        Assert.True(clock.GetUtcNow() - started == TimeSpan.FromMilliseconds(600),
            $"the clock moved {(clock.GetUtcNow() - started).TotalMilliseconds} ms, expected 600");
        Assert.True(clock.RequestedDelays.SequenceEqual(Enumerable.Repeat(TimeSpan.FromMilliseconds(200), 3)),
            $"expected three 200 ms delays, observed: {string.Join(", ", clock.RequestedDelays.Select(d => d.TotalMilliseconds))}");
    }

    [Fact]
    public async Task Given_a_probe_true_at_once_When_waiting_Then_it_returns_without_arming_any_timer()
    {
        var clock = new ManualTimeProvider();
        var probe = new CountingProbe(_ => ProbeResult.Yes("Primary"));

        var (result, elapsed) = await new Until(clock).HoldsAsync("db1 Primary", probe.Run, WaitPolicy.Within(TimeSpan.FromSeconds(5)), CancellationToken.None)
            .WaitAsync(Guard);

        Assert.True(result.Satisfied && probe.Polls == 1, $"expected one satisfied poll, observed {probe.Polls} poll(s), result {result}");
        Assert.True(elapsed == TimeSpan.Zero, $"expected no elapsed time, observed {elapsed}");
        Assert.True(clock.RequestedDelays.Count == 0, $"expected no delay, observed {clock.RequestedDelays.Count}");
    }

    [Fact]
    public async Task Given_a_probe_that_never_holds_When_the_timeout_passes_Then_WaitTimeoutException_carries_the_last_observed_value()
    {
        var clock = new ManualTimeProvider();
        var probe = new CountingProbe(n => ProbeResult.No($"wsrep_cluster_status=non-Primary (poll {n})"));
        var policy = new WaitPolicy(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300));
        var started = clock.GetUtcNow();

        var e = await Assert.ThrowsAsync<WaitTimeoutException>(() =>
            Drive(clock, new Until(clock).HoldsAsync("db3 Primary", probe.Run, policy, CancellationToken.None)));

        // polls at 0, 0.3, 0.6, 0.9 and, after a last shortened delay, at 1.0 s
        Assert.True(probe.Polls == 5, $"expected 5 polls, observed {probe.Polls}");
        Assert.True(e.LastObserved == "wsrep_cluster_status=non-Primary (poll 5)", $"LastObserved was '{e.LastObserved}'");
        Assert.True(e.Message.Contains("db3 Primary") && e.Message.Contains("1s") && e.Message.Contains("non-Primary (poll 5)"),
            $"message should name the condition, the timeout and the last value; was: {e.Message}");
        Assert.True(clock.GetUtcNow() - started == TimeSpan.FromSeconds(1),
            $"expected exactly the 1 s timeout to pass, the clock moved {(clock.GetUtcNow() - started).TotalMilliseconds} ms");
        var delays = clock.RequestedDelays.Select(d => d.TotalMilliseconds).ToList();
        Assert.True(delays.SequenceEqual([300d, 300d, 300d, 100d]), $"the last delay should be shortened to the time left; delays: {string.Join(", ", delays)}");
    }

    [Fact]
    public async Task Given_a_probe_that_throws_When_the_wait_times_out_Then_the_exception_message_is_the_last_observed_value()
    {
        var clock = new ManualTimeProvider();
        Probe probe = _ => throw new InvalidOperationException("ERROR 2002: Can't connect to local server");
        var policy = new WaitPolicy(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1));

        var e = await Assert.ThrowsAsync<WaitTimeoutException>(() =>
            Drive(clock, new Until(clock).HoldsAsync("db1 answers", probe, policy, CancellationToken.None)));

        Assert.True(e.LastObserved == "ERROR 2002: Can't connect to local server", $"LastObserved was '{e.LastObserved}'");
    }

    [Fact]
    public async Task Given_a_wait_between_polls_When_the_token_is_cancelled_Then_it_stops_at_once_without_polling_again()
    {
        var clock = new ManualTimeProvider();
        var probe = new CountingProbe(n => ProbeResult.No($"poll {n}"));
        using var cts = new CancellationTokenSource();
        var started = clock.GetUtcNow();
        var wait = new Until(clock).HoldsAsync("db1 Synced", probe.Run, new WaitPolicy(TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(1)), cts.Token);

        await clock.WhenTimerArmed().WaitAsync(Guard);
        clock.AdvanceToNextTimer();                       // second poll
        while (probe.Polls < 2 || clock.ArmedTimers == 0) // then the wait arms its next delay
            await Task.WhenAny(wait, clock.WhenTimerArmed()).WaitAsync(Guard);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Guard));
        Assert.True(probe.Polls == 2, $"expected no poll after cancellation, observed {probe.Polls} polls");
        Assert.True(clock.GetUtcNow() - started == TimeSpan.FromSeconds(1),
            $"cancellation should not wait for the pending delay; the clock moved {(clock.GetUtcNow() - started).TotalSeconds} s");
    }

    [Fact]
    public async Task Given_an_already_cancelled_token_When_waiting_Then_it_throws_before_probing()
    {
        var clock = new ManualTimeProvider();
        var probe = new CountingProbe(_ => ProbeResult.Yes("ok"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new Until(clock).HoldsAsync("anything", probe.Run, WaitPolicy.Within(TimeSpan.FromSeconds(1)), new CancellationToken(true)).WaitAsync(Guard));
        Assert.True(probe.Polls == 0, $"expected no poll, observed {probe.Polls}");
    }

    [Fact]
    public async Task Given_a_probe_that_observes_cancellation_When_it_throws_OperationCanceledException_Then_the_wait_rethrows_instead_of_retrying()
    {
        var clock = new ManualTimeProvider();
        using var cts = new CancellationTokenSource();
        var polls = 0;
        Probe probe = ct =>
        {
            polls++;
            cts.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(ProbeResult.No("unreachable"));
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new Until(clock).HoldsAsync("db1", probe, WaitPolicy.Within(TimeSpan.FromSeconds(5)), cts.Token).WaitAsync(Guard));
        Assert.True(polls == 1, $"expected a single poll, observed {polls}");
    }

    [Fact]
    public async Task Given_a_probe_that_keeps_holding_When_held_for_1s_Then_it_polls_every_interval_to_the_end_and_returns_the_last_result()
    {
        var clock = new ManualTimeProvider();
        var probe = new CountingProbe(n => ProbeResult.Yes($"VIP on primary (poll {n})"));
        var started = clock.GetUtcNow();

        var last = await Drive(clock, new Until(clock).StaysAsync("VIP on primary", probe.Run, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(300), CancellationToken.None));

        // polls at 0.3, 0.6, 0.9 and, after a last shortened delay, at 1.0 s: the hold starts from a result already seen
        Assert.True(probe.Polls == 4 && last.Observed == "VIP on primary (poll 4)", $"expected 4 polls ending with the last, observed {probe.Polls}: {last}");
        Assert.True(clock.GetUtcNow() - started == TimeSpan.FromSeconds(1), $"the clock moved {(clock.GetUtcNow() - started).TotalMilliseconds} ms, expected 1000");
        var delays = clock.RequestedDelays.Select(d => d.TotalMilliseconds).ToList();
        Assert.True(delays.SequenceEqual([300d, 300d, 300d, 100d]), $"delays: {string.Join(", ", delays)}");
    }

    [Fact]
    public async Task Given_a_probe_that_turns_false_at_the_third_poll_When_held_Then_HoldBrokenException_says_when_and_what_was_seen()
    {
        var clock = new ManualTimeProvider();
        var probe = new CountingProbe(n => n < 3 ? ProbeResult.Yes("VIP on primary") : ProbeResult.No("VIP on primary, replica1"));

        var e = await Assert.ThrowsAsync<HoldBrokenException>(() =>
            Drive(clock, new Until(clock).StaysAsync("VIP on primary", probe.Run, TimeSpan.FromSeconds(8), TimeSpan.FromMilliseconds(100), CancellationToken.None)));

        Assert.True(probe.Polls == 3, $"expected no poll after the first false one, observed {probe.Polls}");
        Assert.True(e.After == TimeSpan.FromMilliseconds(300) && e.Hold == TimeSpan.FromSeconds(8) && e.Observed == "VIP on primary, replica1",
            $"after {e.After}, hold {e.Hold}, observed '{e.Observed}'");
        Assert.Equal("VIP on primary: stopped holding after 0.3s of 8s; seen then: VIP on primary, replica1", e.Message);
    }

    [Fact]
    public async Task Given_a_probe_that_throws_during_a_hold_When_held_Then_the_hold_is_broken_with_the_error_as_what_was_seen()
    {
        var clock = new ManualTimeProvider();
        Probe probe = _ => throw new InvalidOperationException("ERROR 2002: Can't connect to local server");

        var e = await Assert.ThrowsAsync<HoldBrokenException>(() =>
            Drive(clock, new Until(clock).StaysAsync("primary answers", probe, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), CancellationToken.None)));

        Assert.True(e.After == TimeSpan.FromSeconds(1) && e.Observed == "ERROR 2002: Can't connect to local server", $"after {e.After}: '{e.Observed}'");
    }

    [Fact]
    public async Task Given_slow_hosts_When_held_Then_the_hold_is_stretched_by_the_pace_like_every_timeout()
    {
        var clock = new ManualTimeProvider();
        var probe = new CountingProbe(_ => ProbeResult.Yes("VIP on primary"));
        var started = clock.GetUtcNow();

        await Drive(clock, new Until(clock, pace: 3).StaysAsync("VIP on primary", probe.Run, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.True(clock.GetUtcNow() - started == TimeSpan.FromSeconds(6) && probe.Polls == 6,
            $"expected 6 s and 6 polls at pace 3, observed {(clock.GetUtcNow() - started).TotalSeconds} s and {probe.Polls} polls");
    }
}
