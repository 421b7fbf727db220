using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>
/// `vip: { on: [a, b], all: true }` (a split brain: several holders at once) and `for:` (an expectation that must stay
/// true), read from YAML and run by the real ScenarioRunner on fake hosts and virtual time.
/// </summary>
public sealed class HoldAndSplitVipTests
{
    private const string Vip = "10.10.10.110";

    /// <summary>A one-stage scenario whose first expectation is on line 5.</summary>
    private static string Expect(string expectations) =>
        "name: t\nstages:\n  - title: check\n    expect:\n" + string.Join("\n", expectations.Split('\n').Select(l => "      " + l)) + "\n";

    private static string At(int line) => $"{Path.GetFullPath(ScenarioHarness.File)}:{line}: ";

    [Fact]
    public void Given_all_and_for_When_read_Then_the_expectation_carries_both_and_describes_them()
    {
        var lab = new ScenarioHarness("failover");

        var stage = lab.Parse(Expect("- vip: { on: [primary, replica1], all: true }\n  within: 15s\n- vip: { on: primary }\n  for: 8s")).Stages[0];

        var split = Assert.IsType<VipExpectation>(stage.Expectations[0]);
        Assert.True(split.All && split.Hosts.SequenceEqual(["primary", "replica1"]) && split.Hold is null, $"read as {split}");
        Assert.Equal("virtual IP on every one of primary, replica1 at once (and nowhere else)", split.DescribeStep());
        var held = Assert.IsType<VipExpectation>(stage.Expectations[1]);
        Assert.True(!held.All && held.Hold == TimeSpan.FromSeconds(8) && held.Within == ScenarioLoader.DefaultWithin, $"read as {held}");
        Assert.Equal("virtual IP on primary (and nowhere else), and still so for 8s", held.DescribeStep());
    }

    [Theory]
    [InlineData("- vip: { on: primary, all: true }", "s.yaml:5: 'all: true' means several hosts hold the virtual IP at once: name at least two")]
    [InlineData("- vip: { on: [primary, primary], all: true }", "s.yaml:5: 'all: true' means several hosts hold the virtual IP at once: name at least two")]
    [InlineData("- vip: { on: primary }\n  for: soon", "s.yaml:6: 'for: soon' must be a duration more than 0, e.g. 8s")]
    [InlineData("- vip: { on: primary }\n  for: 0s", "s.yaml:6: 'for: 0s' must be a duration more than 0, e.g. 8s")]
    [InlineData("- vip: { on: primary }\n  for: 2m", "s.yaml:6: 'for: 2m' is more than 60s; a hold only needs to outlast what it rules out")]
    [InlineData("- vip: { on: primary, every: true }", "s.yaml:5: unknown key 'every'; expected one of: on, all")]
    public void Given_a_bad_all_or_for_When_read_Then_the_file_and_line_say_what_is_wrong(string expectation, string message)
    {
        var lab = new ScenarioHarness("failover");

        var e = Assert.Throws<LabFileException>(() => lab.Lab.Loader.Parse("s.yaml", Expect(expectation)));

        Assert.True(e.Message.StartsWith(message, StringComparison.Ordinal), $"message was: {e.Message}");
    }

    [Fact]
    public async Task Given_two_holders_When_all_is_expected_Then_it_passes_and_one_holder_or_a_third_fails_naming_the_holders()
    {
        var lab = new ScenarioHarness("failover");

        var alone = await lab.RunAsync(Expect("- vip: { on: [primary, replica1], all: true }\n  within: 1s"));
        lab["replica1"].AddAddress(Vip);
        var split = await lab.RunAsync(Expect("- vip: { on: [primary, replica1], all: true }"));
        lab["replica2"].AddAddress(Vip);
        var three = await lab.RunAsync(Expect("- vip: { on: [primary, replica1], all: true }\n  within: 1s"));

        Assert.True(alone.Error == At(5) + $"expected virtual IP on every one of primary, replica1 at once (and nowhere else) within 1s; last observed: {Vip} on primary",
            $"error was: {alone.Error}");
        Assert.True(split.Passed && split.Steps[0].Detail == $"{Vip} on primary, replica1", split.Timeline());
        Assert.True(three.Error == At(5) + $"expected virtual IP on every one of primary, replica1 at once (and nowhere else) within 1s; last observed: {Vip} on primary, replica1, replica2",
            $"error was: {three.Error}");
    }

    [Fact]
    public async Task Given_a_VIP_that_stays_When_held_for_8s_Then_it_passes_after_8s_of_virtual_time_polled_all_along()
    {
        var lab = new ScenarioHarness("failover");

        var result = await lab.RunAsync(Expect("- vip: { on: primary }\n  for: 8s"));

        var step = result.Steps[0];
        Assert.True(result.Passed, result.Timeline());
        Assert.True(step.Duration == TimeSpan.FromSeconds(8), $"expected the whole 8 s of virtual time, observed {step.Duration}");
        Assert.True(step.Description == "virtual IP on primary (and nowhere else), and still so for 8s" && step.Detail == $"held 8s: {Vip} on primary",
            $"step: {step.Description} / {step.Detail}");
        // One look when it first holds, then one every 100 ms: a change at any moment of the hold is seen.
        var looks = lab["primary"].Commands.Count(c => c.Command.StartsWith("ip -4 -o addr show dev eth0", StringComparison.Ordinal));
        Assert.True(looks == 81, $"expected 81 looks at primary's addresses, observed {looks}");
    }

    [Fact]
    public async Task Given_the_VIP_moves_after_3_6s_When_held_for_8s_Then_it_fails_at_the_next_poll_naming_when_and_what_was_seen()
    {
        var lab = new ScenarioHarness("failover");
        lab.Clock.CreateTimer(_ => lab["replica1"].AddAddress(Vip), null, TimeSpan.FromSeconds(3.65), Timeout.InfiniteTimeSpan);

        var result = await lab.RunAsync(Expect("- vip: { on: primary }\n  for: 8s"));

        Assert.True(result.Error == At(5) + $"expected virtual IP on primary (and nowhere else) to stay so for 8s; it stopped after 3.7s: {Vip} on primary, replica1",
            $"error was: {result.Error}");
        Assert.True(result.Steps[0].Duration == TimeSpan.FromSeconds(3.7), $"expected to stop at the first poll after the move, observed {result.Steps[0].Duration}");
    }

    [Fact]
    public async Task Given_a_hold_When_the_expectation_is_never_true_Then_it_fails_as_a_plain_timeout_without_holding()
    {
        var lab = new ScenarioHarness("failover");

        var result = await lab.RunAsync(Expect("- vip: { on: replica1 }\n  within: 2s\n  for: 8s"));

        Assert.True(result.Error == At(5) + $"expected virtual IP on replica1 (and nowhere else) within 2s; last observed: {Vip} on primary", $"error was: {result.Error}");
        Assert.True(result.Steps[0].Duration == TimeSpan.FromSeconds(2), $"observed {result.Steps[0].Duration}");
    }
}
