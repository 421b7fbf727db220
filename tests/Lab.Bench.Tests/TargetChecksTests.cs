using Lab.Bench;

namespace Lab.Bench.Tests;

public sealed class TargetChecksTests
{
    private static UpReport Up(double up, double baseline) =>
        new(1, SampleStats.Of([up]), SampleStats.Of([baseline]), baseline / up, SampleStats.Of([0.5]), [], [], []);

    [Fact]
    public void Given_an_up_of_4s_and_a_baseline_of_15s_When_checked_Then_both_up_targets_are_met()
    {
        var t = TargetChecks.From(Up(4, 15), null, null, 10);

        Assert.True(t.UpWithin5s == true && t.UpAtLeast3xFasterThanBaseline == true, $"got {t}");
    }

    [Fact]
    public void Given_an_up_of_6s_and_a_baseline_of_15s_When_checked_Then_both_up_targets_are_missed()
    {
        var t = TargetChecks.From(Up(6, 15), null, null, 10);

        Assert.True(t.UpWithin5s == false && t.UpAtLeast3xFasterThanBaseline == false, $"got {t}");
    }

    [Fact]
    public void Given_sections_that_did_not_run_When_checked_Then_their_targets_are_null_not_false()
    {
        var t = TargetChecks.From(null, null, null, 10);

        Assert.True(t is { UpWithin5s: null, ScenarioSuiteWithin90s: null, AllDensityInstancesSynced: null, RssPerNodeAtMost64Mib: null }, $"got {t}");
    }

    [Fact]
    public void Given_fewer_density_instances_than_the_target_When_checked_Then_the_density_target_is_not_claimed()
    {
        var density = new DensityReport(3, "parallel", 3, 10, true, [], null, SampleStats.Of([60.0]), 180, 1000, 2, []);

        var t = TargetChecks.From(null, null, density, 10);

        Assert.True(t.AllDensityInstancesSynced == false && t.RssPerNodeAtMost64Mib == true, $"got {t}");
    }
}
