using Lab.Core.Galera;
using Lab.Core.Scenarios;
using Lab.Core.Waits;

namespace Lab.Targets.Local.Tests;

/// <summary>How the engine reports on a real lab: a wrong expectation, and JUnit XML. (Every scenario of every lab runs in the conformance suite.)</summary>
[Collection(GaleraLabCollection.Name)]
public sealed class GaleraScenarioTests(GaleraLabFixture lab)
{
    [Fact]
    public async Task Given_a_wrong_expectation_Then_it_fails_naming_host_expected_and_observed()
    {
        var scenario = new ScenarioLoader(lab.Lab).Parse("wrong.yaml", """
            name: wrong
            stages:
              - title: a cluster of four, which this lab is not
                expect:
                  - status: { on: db2, wsrep_cluster_size: 4 }
                    within: 1s
            """);
        await new HealthRestorer(lab.Instance, Until.Real, _ => { }).RestoreAsync(CancellationToken.None);

        var result = await new ScenarioRunner(lab.Instance, new RecordingObserver(), TimeProvider.System).RunAsync(scenario, CancellationToken.None);

        Assert.False(result.Passed);
        Assert.NotNull(result.Error);
        Assert.Contains("wrong.yaml:5", result.Error);
        Assert.Contains("expected db2: wsrep_cluster_size=4", result.Error);
        Assert.Contains("last observed: db2: wsrep_cluster_size=3", result.Error);
        Assert.Contains("/var/log/mysql/error.log", result.Error); // the tail of the node's log comes with it
    }

    [Fact]
    public async Task Given_results_Then_JUnit_XML_has_a_suite_per_scenario_and_the_failure()
    {
        var scenario = new ScenarioLoader(lab.Lab).Parse("junit.yaml", """
            name: junit-check
            stages:
              - title: passes
                expect: [ { query: { on: db1, run: "SELECT 1", equals: "1" } } ]
              - title: fails
                expect: [ { query: { on: db1, run: "SELECT 1", equals: "2" }, within: 200ms } ]
            """);
        var result = await new ScenarioRunner(lab.Instance, new RecordingObserver(), TimeProvider.System).RunAsync(scenario, CancellationToken.None);

        var xml = JUnitReport.Build("galera", [result]).ToString();

        Assert.Contains("<testsuite name=\"junit-check\" tests=\"2\" failures=\"1\"", xml);
        Assert.Contains("01 passes", xml);
        Assert.Contains("<failure message=\"db1: SELECT 1 → &apos;2&apos;\"", xml.Replace("'", "&apos;"));
    }

    private sealed class RecordingObserver : IScenarioObserver
    {
        public List<string> Lines { get; } = [];
        public void ScenarioStarted(Scenario scenario) => Lines.Add($"scenario {scenario.Name}");
        public void StageStarted(int index, Stage stage) => Lines.Add($" stage {index + 1}: {stage.Title.En}");
        public void StepFinished(StepResult step) => Lines.Add($"  {(step.Passed ? "ok" : "FAIL")} {step.Start.TotalSeconds:0.00}s +{step.Duration.TotalSeconds:0.00}s {step.Description} {step.Detail}");
        public void ScenarioFinished(ScenarioResult result) => Lines.Add($"done {result.Passed} {result.Duration.TotalSeconds:0.0}s");
        public void Note(string message) => Lines.Add($"  · {message}");
    }
}
