using Lab.Core.Instances;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>An observer that watches (the HTML report's sampler) is told each time the runner looks at the lab, and only then.</summary>
public sealed class ScenarioWatcherTests
{
    private sealed class WatchingObserver : IScenarioObserver, IScenarioWatcher
    {
        public List<TimeSpan> Looks { get; } = [];
        public List<StepResult> Steps { get; } = [];
        public LabInstance? Instance { get; private set; }

        public void Looking(LabInstance instance, TimeSpan at)
        {
            lock (Looks) Looks.Add(at);
            Instance = instance;
        }

        public void ScenarioStarted(Scenario scenario) { }
        public void StageStarted(int index, Stage stage) { }
        public void StepFinished(StepResult step) => Steps.Add(step);
        public void ScenarioFinished(ScenarioResult result) { }
        public void Note(string message) { }
    }

    [Fact]
    public async Task Given_a_watching_observer_When_an_expectation_polls_Then_it_is_told_at_every_poll_and_around_every_step()
    {
        var harness = new ScenarioHarness("galera");
        var observer = new WatchingObserver();
        var scenario = harness.Parse("""
            name: watched
            stages:
              - title: kill db1
                do: [ { kill: db1 } ]
                expect:
                  - status: { on: [db2, db3], wsrep_cluster_size: 2 }
                    within: 30s
                    for: 2s
            """);

        var result = await VirtualTime.RunAsync(harness.Clock,
            () => new ScenarioRunner(harness.Lab.Instance, observer, harness.Clock).RunAsync(scenario, CancellationToken.None));

        Assert.True(result.Passed, result.Error);
        Assert.Same(harness.Lab.Instance, observer.Instance);
        var wait = observer.Steps.Single(s => s.Kind == StepKind.Expectation);
        Assert.True(wait.Duration >= TimeSpan.FromSeconds(2), $"the expectation held for {wait.Duration}, not its 2 s");
        // Stage start, after the kill, each poll of the expectation while it must hold (every 100 ms), after the expectation.
        var duringWait = observer.Looks.Count(t => t > wait.Start && t < wait.Start + wait.Duration);
        Assert.True(duringWait >= wait.Duration.TotalSeconds * 5, $"{duringWait} looks during a {wait.Duration.TotalSeconds:0.0} s wait polled every 0.1 s");
        Assert.Equal(observer.Looks.Order(), observer.Looks);
        Assert.Equal(TimeSpan.Zero, observer.Looks[0]);
    }
}
