using Lab.Core.Instances;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

public sealed class ScenarioSuiteTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly RecordingObserver _observer = new();

    /// <summary>A scenario that passes only on a lab whose db1 has /etc/hostname.</summary>
    private static Scenario ReadsHostname(FakeLab lab, string name) => lab.Loader.Parse($"{name}.yaml", $$"""
        name: {{name}}
        stages:
          - title: read a file
            expect:
              - file: { on: db1, path: /etc/hostname, contains: db1 }
                within: 1s
        """);

    private Task<List<SuiteEntry>> RunSuite(LabInstance instance, IReadOnlyList<Scenario> scenarios, ScenarioSuite.Preparation prepare) =>
        VirtualTime.RunAsync(_clock, async () =>
        {
            var entries = new List<SuiteEntry>();
            await foreach (var e in new ScenarioSuite(_observer, _clock).RunAsync(instance, scenarios, prepare, CancellationToken.None))
                entries.Add(e);
            return entries;
        });

    [Fact]
    public async Task Given_a_lab_that_cannot_be_prepared_When_the_suite_runs_Then_that_scenario_fails_with_the_reason_and_the_next_runs_on_the_instance_its_preparation_returns()
    {
        var broken = FakeLab.Load("galera", _clock);
        var recreated = FakeLab.Load("galera", _clock);
        recreated["db1"].Files.Put("/etc/hostname", "db1\n"); // only the recreated lab can pass
        var given = new List<LabInstance>();
        ScenarioSuite.Preparation prepare = async (current, _) =>
        {
            given.Add(current);
            await Task.Delay(TimeSpan.FromSeconds(5), _clock); // recreating takes a while
            return given.Count == 1 ? throw new InvalidOperationException("db2 would not start") : recreated.Instance;
        };

        var entries = await RunSuite(broken.Instance, [ReadsHostname(broken, "first"), ReadsHostname(broken, "second")], prepare);

        Assert.True(entries.Count == 2, $"expected an entry per scenario, observed {entries.Count}");
        Assert.True(entries[0].Result is { Passed: false, Error: "lab not healthy before the scenario: db2 would not start", Steps.Count: 0 },
            $"first: {entries[0].Result.Timeline()}");
        Assert.True(_observer.Notes.Contains("could not bring the lab to its starting state before first: db2 would not start"), $"notes: {string.Join(" | ", _observer.Notes)}");
        Assert.True(entries[1].Result.Passed, $"second (only passes on the recreated lab): {entries[1].Result.Timeline()}");
        Assert.True(given.Count == 2 && given.All(i => i == broken.Instance),
            $"after a failed preparation the next one should start from the instance it had; preparations were given: {string.Join(", ", given.Select(i => i == broken.Instance ? "the original" : "another"))}");
        Assert.True(entries.All(e => e.Preparation == TimeSpan.FromSeconds(5)), $"preparations took {string.Join(", ", entries.Select(e => e.Preparation))} of virtual time");
    }

    [Fact]
    public async Task Given_a_scenario_that_fails_When_the_suite_runs_Then_the_suite_still_prepares_and_runs_the_next()
    {
        var lab = FakeLab.Load("galera", _clock);
        var preparations = 0;
        ScenarioSuite.Preparation prepare = (current, _) =>
        {
            if (++preparations == 2) lab["db1"].Files.Put("/etc/hostname", "db1\n"); // the second preparation repairs db1
            return Task.FromResult(current);
        };

        var entries = await RunSuite(lab.Instance, [ReadsHostname(lab, "first"), ReadsHostname(lab, "second")], prepare);

        Assert.True(entries.Select(e => e.Result.Passed).SequenceEqual([false, true]), $"results: {string.Join(" / ", entries.Select(e => e.Result.Timeline()))}");
        Assert.True(entries[0].Result.Error!.EndsWith("first.yaml:5: expected db1:/etc/hostname contains \"db1\" within 1s; last observed: /etc/hostname does not exist", StringComparison.Ordinal),
            $"first: {entries[0].Result.Error}");
    }
}
