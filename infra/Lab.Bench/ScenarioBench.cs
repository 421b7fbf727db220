using Lab.Core.Galera;
using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Core.Waits;
using Lab.Instances;
using Lab.Targets.Local;

namespace Lab.Bench;

/// <summary>The lab's scenario suite on one instance, a health restore before each scenario (as `lab run` does).</summary>
public sealed class ScenarioBench(BenchInstances instances, LabDefinition lab, Action<string> progress)
{
    public async Task<ScenarioSuiteReport> RunAsync(CancellationToken ct)
    {
        var loader = new ScenarioLoader(lab);
        var scenarios = loader.Names.Select(loader.LoadByName).ToList(); // all validated before anything runs
        var name = instances.Name("s");
        var suiteClock = System.Diagnostics.Stopwatch.StartNew();
        var (instance, upTime) = await instances.UpAsync(lab, name, GaleraStart.SharedState, _ => { }, ct);
        progress($"scenarios: {name} up in {upTime.TotalSeconds:0.00}s; running {scenarios.Count} scenario(s)");
        var timings = new List<ScenarioTiming>();
        try
        {
            // As `lab run` does between scenarios: Galera heals in place, LVS is kept, a replication lab starts afresh.
            var between = BetweenScenariosRule.For(lab);
            var first = true;
            ScenarioSuite.Preparation heal = async (current, c) =>
            {
                if (between == BetweenScenarios.HealInPlace)
                {
                    // Its last resort recreates the bench's own instance, as `lab run` does with one it made.
                    var healed = await new HealthRestorer(current, Until.Real, _ => { }, recreate: async r =>
                    {
                        await instances.DownAsync(name);
                        return (await instances.UpAsync(lab, name, GaleraStart.SharedState, _ => { }, r)).Instance;
                    }).RestoreAsync(c);
                    if (healed.Escalated) progress($"restore: {healed.Describe(Lab.Core.Messages.Language.En)} in {healed.Took.TotalSeconds:0.00}s");
                    return healed.Instance;
                }
                if (between != BetweenScenarios.Recreate || first)
                {
                    first = false;
                    return current;
                }
                await instances.DownAsync(name);
                return (await instances.UpAsync(lab, name, GaleraStart.SharedState, _ => { }, c)).Instance;
            };
            await foreach (var entry in new ScenarioSuite(SilentObserver.Instance, TimeProvider.System).RunAsync(instance, scenarios, heal, ct))
            {
                var timing = Timing(entry.Result, entry.Preparation);
                timings.Add(timing);
                if (timing.NotRun is { } why)
                {
                    progress($"scenario {timing.Name}: not run: {why}");
                    continue;
                }
                progress($"scenario {timing.Name}: {(timing.Passed ? "passed" : "FAILED")} {timing.Seconds:0.00}s " +
                         $"(waiting on DB {timing.WaitingOnDatabaseSeconds:0.00}s, actions {timing.ActionsSeconds:0.00}s, restore before {timing.RestoreSeconds:0.00}s" +
                         (timing.LongestInterruptionSeconds is { } li ? $", longest interruption {li:0.00}s" : "") +
                         (timing.Error is { } error && !timing.Passed ? $"; {error.Split('\n')[0]}" : "") + ")");
            }
        }
        finally
        {
            await instances.DownAsync(name);
        }
        return new ScenarioSuiteReport(name, SampleStats.Round(upTime.TotalSeconds), SampleStats.Round(suiteClock.Elapsed.TotalSeconds),
            SampleStats.Round(timings.Sum(t => t.Seconds)), SampleStats.Round(timings.Sum(t => t.RestoreSeconds)), timings);
    }

    public static ScenarioTiming Timing(ScenarioResult result, TimeSpan restore)
    {
        var total = result.Duration.TotalSeconds;
        var waiting = result.WaitingOnDatabase.TotalSeconds;
        var actions = result.InActions.TotalSeconds;
        return new ScenarioTiming(result.Scenario.Name, result.Passed, SampleStats.Round(total), SampleStats.Round(waiting), SampleStats.Round(actions),
            SampleStats.Round(Math.Max(0, total - waiting - actions)), SampleStats.Round(restore.TotalSeconds),
            result.Workload is { } w ? SampleStats.Round(w.LongestInterruption.TotalSeconds) : null, result.Error, result.NotRunReason);
    }
}
