using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Xunit.Abstractions;

namespace Lab.Conformance;

/// <summary>
/// The one conformance suite: every scenario of every lab in labs/ that the target covers (<see cref="IConformanceScope"/>),
/// unchanged, on the fixture's target. A target's
/// test project derives from this class with its fixture; nothing here knows which target it is. Each case writes
/// its time to out/conformance/&lt;target&gt;.tsv (lab, scenario, preparation, scenario seconds, result) for the matrix.
/// </summary>
[TestCaseOrderer(LabScenarioOrderer.TypeName, LabScenarioOrderer.Assembly)]
public abstract class LabConformanceTests<TFixture>(TFixture fixture, ITestOutputHelper output) where TFixture : ConformanceFixture, IConformanceScope
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        var catalog = new LabCatalog(RepoRoot.Path);
        foreach (var lab in catalog.LabNames)
        {
            var definition = catalog.Load(lab);
            if (!TFixture.Covers(definition)) continue;
            var loader = new ScenarioLoader(definition);
            var names = loader.Names.ToList();
            for (var i = 0; i < names.Count; i++)
                if (TFixture.Covers(definition, loader.LoadByName(names[i]))) data.Add(lab, names[i], i);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_scenario_of_every_lab_passes(string lab, string scenario, int index)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var (instance, took, how) = await PrepareOrExplainAsync(lab, limit.Token);
        output.WriteLine($"{lab} on {fixture.Target.Name}: {how} in {took.TotalSeconds:0.0}s (case {index + 1})");

        var definition = new ScenarioLoader(instance.Lab).LoadByName(scenario);
        var result = await new ScenarioRunner(instance, new OutputObserver(output), TimeProvider.System).RunAsync(definition, limit.Token);
        Record(lab, scenario, how, took, result);

        Assert.False(result.NotRun, $"{lab}/{scenario} on {fixture.Target.Name} was not run ({result.NotRunReason}); IConformanceScope.Covers should leave it out");
        Assert.True(result.Passed, $"{lab}/{scenario} on {fixture.Target.Name} failed: {result.Error}");
        // Every step the file declares ran; the clean-up steps after them (sessions ended, a node given back its own
        // options) depend on what the run left behind, so they are not counted.
        Assert.Equal(definition.Stages.Sum(s => s.Actions.Count + s.Expectations.Count), result.Steps.Count(s => s.StageTitle != ScenarioRunner.CleanUpTitle));
    }

    private async Task<(Core.Instances.LabInstance, TimeSpan, string)> PrepareOrExplainAsync(string lab, CancellationToken ct)
    {
        try
        {
            return await fixture.PrepareAsync(lab, output.WriteLine, ct);
        }
        catch (Exception e)
        {
            string tail;
            lock (fixture.Progress) tail = string.Join("\n", fixture.Progress.TakeLast(15));
            throw new Xunit.Sdk.XunitException($"{lab} could not be brought to its starting state on {fixture.Target.Name}: {e.Message}\n{tail}");
        }
    }

    private void Record(string lab, string scenario, string how, TimeSpan took, ScenarioResult result)
    {
        var dir = Path.Combine(RepoRoot.Path, "out", "conformance");
        Directory.CreateDirectory(dir);
        File.AppendAllText(Path.Combine(dir, $"{fixture.Target.Name}.tsv"),
            $"{lab}\t{scenario}\t{how}\t{took.TotalSeconds:0.0}\t{result.Duration.TotalSeconds:0.0}\t{Outcome(result)}\n");
    }

    private static string Outcome(ScenarioResult result) => result.NotRun ? "not run" : result.Passed ? "passed" : "FAILED";

    private sealed class OutputObserver(ITestOutputHelper output) : IScenarioObserver
    {
        public void ScenarioStarted(Scenario scenario) => output.WriteLine($"▶ {scenario.Name}");
        public void StageStarted(int index, Stage stage) => output.WriteLine($"  {index + 1}. {stage.Title.En}");
        public void StepFinished(StepResult step) =>
            output.WriteLine($"    {(step.Passed ? "✓" : "✗")} {step.Start.TotalSeconds,6:0.00}s +{step.Duration.TotalSeconds:0.00}s {step.Description} {step.Detail}");
        public void ScenarioFinished(ScenarioResult result) => output.WriteLine($"{Outcome(result)} in {result.Duration.TotalSeconds:0.0}s");
        public void Note(string message) => output.WriteLine($"    · {message}");
    }
}
