using Lab.Conformance;
using Lab.Core.Scenarios;
using Xunit.Abstractions;

namespace Lab.Targets.Vm.Tests;

/// <summary>
/// The ha-drbd lab end to end on real VMs (its own kernel's DRBD, Corosync, Pacemaker, MariaDB): up once, then every
/// scenario in order, restored in place between them as `lab run` does. Each scenario's time, the hard failover's
/// downtime and DRBD's resync time go to the test output and out/conformance/vm-ha-drbd.tsv.
/// </summary>
public sealed class HaDrbdLabTests(HaDrbdFixture fixture, ITestOutputHelper output) : IClassFixture<HaDrbdFixture>
{
    [Fact]
    public async Task Given_ha_drbd_on_vms_When_every_scenario_runs_in_order_Then_each_passes()
    {
        var lab = await fixture.LabAsync();
        output.WriteLine($"up in {fixture.UpTook.TotalSeconds:0}s");
        var loader = new ScenarioLoader(lab.Lab);
        var scenarios = loader.Names.Select(loader.LoadByName).ToList();
        Assert.True(scenarios.Count >= 5, $"expected the five ha-drbd scenarios, found {string.Join(", ", loader.Names)}");

        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(40));
        var observer = new Observer(output);
        var results = new List<(ScenarioResult Result, TimeSpan Preparation)>();
        await foreach (var entry in new ScenarioSuite(observer, TimeProvider.System).RunAsync(lab, scenarios, RestoreInPlace.Before(Lab.Core.Waits.Until.Real, observer.Note, freshInstance: true), limit.Token))
            results.Add((entry.Result, entry.Preparation));

        var dir = Path.Combine(RepoRoot.Path, "out", "conformance");
        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, "vm-ha-drbd.tsv"), results.Select(r =>
            $"ha-drbd\t{r.Result.Scenario.Name}\t{r.Preparation.TotalSeconds:0.0}\t{r.Result.Duration.TotalSeconds:0.0}\t{(r.Result.Passed ? "passed" : "FAILED")}" +
            (r.Result.Workload is { } w ? $"\tlongest interruption {w.LongestInterruption.TotalSeconds:0.0}s" : "")));
        var failed = results.Where(r => !r.Result.Passed).Select(r => $"{r.Result.Scenario.Name}: {r.Result.Error}").ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        Assert.All(results, r => Assert.Equal(r.Result.Scenario.Stages.Sum(s => s.Actions.Count + s.Expectations.Count), r.Result.Steps.Count(s => s.StageTitle != ScenarioRunner.CleanUpTitle)));
    }

    private sealed class Observer(ITestOutputHelper output) : IScenarioObserver
    {
        public void ScenarioStarted(Scenario scenario) => output.WriteLine($"▶ {scenario.Name}");
        public void StageStarted(int index, Stage stage) => output.WriteLine($"  {index + 1}. {stage.Title.En}");
        public void StepFinished(StepResult step) =>
            output.WriteLine($"    {(step.Passed ? "✓" : "✗")} {step.Start.TotalSeconds,6:0.00}s +{step.Duration.TotalSeconds:0.00}s {step.Description} {step.Detail}");
        public void ScenarioFinished(ScenarioResult result) => output.WriteLine($"{(result.Passed ? "passed" : "FAILED")} in {result.Duration.TotalSeconds:0.0}s");
        public void Note(string message) => output.WriteLine($"    · {message}");
    }
}
