using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Reports.Model;
using Lab.Reports.Recording;

namespace Lab.Reports.Tests;

/// <summary>The sampler behind the report: never more than one reading at a time, never closer than its interval, never in the run's way.</summary>
public sealed class RunRecorderTests
{
    private sealed class Quiet : IScenarioObserver
    {
        public int Started;
        public void ScenarioStarted(Scenario scenario) => Started++;
        public void StageStarted(int index, Stage stage) { }
        public void StepFinished(StepResult step) { }
        public void ScenarioFinished(ScenarioResult result) { }
        public void Note(string message) { }
    }

    private static readonly Scenario Other = SampleRun.Failover with { Name = "other" };

    private static IReadOnlyDictionary<string, NodeState> Synced() => new Dictionary<string, NodeState> { ["db1"] = new(NodeCondition.Synced, "Synced") };

    [Fact]
    public async Task Given_looks_while_a_reading_is_under_way_or_too_soon_Then_they_are_skipped_and_the_run_never_waits()
    {
        var reads = 0;
        var release = new TaskCompletionSource();
        var inner = new Quiet();
        await using var recorder = new RunRecorder(inner, async (_, ct) =>
        {
            Interlocked.Increment(ref reads);
            await release.Task.WaitAsync(ct);
            return Synced();
        });
        recorder.ScenarioStarted(SampleRun.Failover);

        recorder.Looking(null!, TimeSpan.Zero);                      // starts a reading, which hangs until released
        recorder.Looking(null!, TimeSpan.FromSeconds(1));            // one is under way: skipped, and returns at once
        release.SetResult();
        await recorder.FlushAsync();
        recorder.Looking(null!, TimeSpan.FromSeconds(1.1));          // at least MinInterval after the last: read
        await recorder.FlushAsync();
        recorder.Looking(null!, TimeSpan.FromSeconds(1.2));          // too soon after it: skipped
        await recorder.FlushAsync();

        Assert.Equal(2, reads);
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(1.1)], recorder.SamplesOf(SampleRun.Failover).Select(s => s.At));
        Assert.Equal(1, inner.Started);
    }

    [Fact]
    public async Task Given_two_scenarios_and_a_reading_that_fails_Then_each_keeps_its_own_samples_and_the_failure_is_a_gap()
    {
        var fail = false;
        await using var recorder = new RunRecorder(new Quiet(), (_, _) => fail ? throw new InvalidOperationException("host gone") : Task.FromResult(Synced()));

        recorder.ScenarioStarted(SampleRun.Failover);
        recorder.Looking(null!, TimeSpan.Zero);
        await recorder.FlushAsync();
        recorder.ScenarioFinished(SampleRun.Result());
        recorder.Looking(null!, TimeSpan.FromSeconds(5));            // between scenarios: nobody to sample for
        recorder.ScenarioStarted(Other);
        fail = true;
        recorder.Looking(null!, TimeSpan.Zero);
        await recorder.FlushAsync();
        fail = false;
        recorder.Looking(null!, TimeSpan.FromSeconds(1));
        await recorder.FlushAsync();

        Assert.Single(recorder.SamplesOf(SampleRun.Failover));
        Assert.Equal([TimeSpan.FromSeconds(1)], recorder.SamplesOf(Other).Select(s => s.At));
    }
}
