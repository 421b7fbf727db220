using Lab.Bench;

namespace Lab.Bench.Tests;

/// <summary>`lab bench` exits non-zero when a target is missed or an `up` fails (the JSON is written either way).</summary>
public sealed class BenchVerdictTests
{
    private static readonly MachineInfo Machine = new(2, 24103, "6.1.0", "mariadbd Ver 10.11", "Galera 4", "26.4");

    private static UpReport Up(double up = 3, double baseline = 11, params string[] failures) =>
        new(3, SampleStats.Of([up]), SampleStats.Of([baseline]), baseline / up, SampleStats.Of([0.5]), failures, [], []);

    private static ScenarioSuiteReport Scenarios(params ScenarioTiming[] timings) =>
        new("bench-x-s", 3, 60, timings.Sum(t => t.Seconds), 2, timings);

    private static ScenarioTiming Scenario(string name, bool passed, double seconds = 10) =>
        new(name, passed, seconds, 5, 2, 3, 1, null, passed ? null : "expected wsrep_cluster_size = 3\nlast seen 2");

    private static DensityReport Density(int instances = 10, double rss = 60, params string[] failed) =>
        new(instances, "parallel", 3, 10.5, failed.Length == 0, failed, SampleStats.Of([3.0]), SampleStats.Of([rss]), 3780, 4000, 5, []);

    private static BenchReport Report(UpReport? up, ScenarioSuiteReport? scenarios = null, DensityReport? density = null) =>
        new(DateTimeOffset.UnixEpoch, 100, Machine, up, scenarios, density, TargetChecks.From(up, scenarios, density, 10), []);

    [Fact]
    public void Given_every_target_met_and_no_failure_When_judged_Then_it_passes_with_exit_0()
    {
        var verdict = BenchVerdict.Of(Report(Up(), Scenarios(Scenario("kill-node1-ist", true)), Density()));

        Assert.True(verdict is { Passed: true, ExitCode: 0 }, $"expected a pass, got problems: {string.Join("; ", verdict.Problems)}");
    }

    [Fact]
    public void Given_only_the_up_section_ran_and_met_its_targets_When_judged_Then_the_skipped_sections_do_not_count_as_misses()
    {
        var verdict = BenchVerdict.Of(Report(Up()));

        Assert.True(verdict.Passed, $"sections that did not run should not fail the bench; got: {string.Join("; ", verdict.Problems)}");
    }

    [Fact]
    public void Given_an_up_of_6s_When_judged_Then_the_missed_target_is_named_and_the_exit_code_is_1()
    {
        var verdict = BenchVerdict.Of(Report(Up(up: 6, baseline: 30)));

        Assert.True(verdict.ExitCode == 1, $"expected exit 1, got {verdict.ExitCode}");
        Assert.True(verdict.Problems.SequenceEqual(["target missed: up ≤ 5 s (median 6.00 s)"]), $"problems were: {string.Join("; ", verdict.Problems)}");
    }

    [Fact]
    public void Given_an_up_that_failed_while_the_others_met_the_targets_When_judged_Then_the_failure_is_named_and_the_exit_code_is_1()
    {
        var verdict = BenchVerdict.Of(Report(Up(3, 11, "bench-x-up2: db2 did not become Synced")));

        Assert.True(verdict.ExitCode == 1 && verdict.Problems.SequenceEqual(["up failed: bench-x-up2: db2 did not become Synced"]),
            $"exit {verdict.ExitCode}, problems: {string.Join("; ", verdict.Problems)}");
    }

    [Fact]
    public void Given_a_failed_scenario_When_judged_Then_the_suite_target_and_the_scenario_are_both_named()
    {
        var verdict = BenchVerdict.Of(Report(Up(), Scenarios(Scenario("quorum-loss", false), Scenario("kill-node1-ist", true))));

        Assert.True(verdict.ExitCode == 1, $"expected exit 1, got {verdict.ExitCode}");
        Assert.True(verdict.Problems.Any(p => p.StartsWith("target missed: scenario suite", StringComparison.Ordinal)) &&
                    verdict.Problems.Contains("scenario quorum-loss failed: expected wsrep_cluster_size = 3"),
            $"problems were: {string.Join("; ", verdict.Problems)}");
    }

    [Fact]
    public void Given_a_density_instance_that_failed_to_come_up_When_judged_Then_it_is_named_and_the_exit_code_is_1()
    {
        var verdict = BenchVerdict.Of(Report(Up(), density: Density(failed: "bench-x-d7: timed out")));

        Assert.True(verdict.ExitCode == 1 && verdict.Problems.Contains("density up failed: bench-x-d7: timed out") &&
                    verdict.Problems.Any(p => p.StartsWith("target missed: all density instances Synced", StringComparison.Ordinal)),
            $"exit {verdict.ExitCode}, problems: {string.Join("; ", verdict.Problems)}");
    }

    [Fact]
    public void Given_a_mariadbd_over_64_MiB_When_judged_Then_the_memory_target_is_missed()
    {
        var verdict = BenchVerdict.Of(Report(Up(), density: Density(rss: 81.7)));

        Assert.True(verdict.Problems.SequenceEqual(["target missed: RSS per mariadbd ≤ 64 MiB (max 81.7 MiB)"]),
            $"problems were: {string.Join("; ", verdict.Problems)}");
    }

    [Fact]
    public void Given_a_mariadbd_at_exactly_64_MiB_When_judged_Then_the_memory_target_is_met()
    {
        var verdict = BenchVerdict.Of(Report(Up(), density: Density(rss: 64.0)));

        Assert.True(verdict.Passed, $"64.0 MiB is within the goal; problems were: {string.Join("; ", verdict.Problems)}");
    }
}
