using System.Text.RegularExpressions;
using Lab.Core.Errors;
using Lab.Core.Hosts;
using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>`impair` / `unimpair`: what the loader accepts, the `tc` each host runs, and removal at the end of every run.</summary>
public sealed class LinkImpairmentTests
{
    private static readonly ScenarioLoader Loader = new(new LabCatalog(RepoRoot.Path).Load("galera"));

    private const string Apply = "tc qdisc replace dev eth0 root netem ";
    private const string Remove = "tc qdisc del dev eth0 root";
    private const string NoNetem = "Error: Specified qdisc kind is unknown.\n";
    private const string NothingToDelete = "Error: Cannot delete qdisc with handle of zero.\n";

    private static ScenarioAction OnlyAction(string yaml) => Assert.Single(Assert.Single(Loader.Parse("s.yaml", yaml).Stages).Actions);

    [Fact]
    public void Given_every_setting_Then_the_action_carries_them_and_tc_gets_netem_arguments()
    {
        var action = Assert.IsType<ImpairAction>(OnlyAction("""
            name: x
            stages:
              - title: t
                do: [ { impair: { on: [db2, db3], delay: 100ms, jitter: 10ms, loss: 1%, rate: 10mbit } } ]
            """));

        Assert.Equal(["db2", "db3"], action.Hosts);
        var i = Assert.IsType<LinkImpairment>(action.Impairment);
        Assert.Equal(new LinkImpairment(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), 1, 10_000_000), i);
        Assert.Equal("delay 100ms 10ms loss 1% rate 10mbit", i.NetemArguments);
        Assert.Equal("impair the link of db2, db3: delay 100ms ± 10ms, loss 1%, rate 10mbit", action.Describe());
    }

    [Fact]
    public void Given_unimpair_with_one_host_or_a_list_Then_it_is_a_removal()
    {
        var one = Assert.IsType<ImpairAction>(OnlyAction("name: x\nstages:\n  - title: t\n    do: [ { unimpair: db2 } ]\n"));
        var many = Assert.IsType<ImpairAction>(OnlyAction("name: x\nstages:\n  - title: t\n    do: [ { unimpair: [db2, db3] } ]\n"));

        Assert.Null(one.Impairment);
        Assert.Equal(["db2"], one.Hosts);
        Assert.Equal(["db2", "db3"], many.Hosts);
        Assert.Equal("restore the link of db2, db3 (no more netem)", many.Describe());
    }

    [Theory]
    [InlineData("loss: 0.5%", "loss 0.5%")]
    [InlineData("rate: 512kbit", "rate 512kbit")]
    [InlineData("rate: 1.5Mbit", "rate 1500kbit")]
    [InlineData("rate: 1gbit", "rate 1gbit")]
    [InlineData("delay: 1.5s", "delay 1500ms")]
    [InlineData("delay: 250ms", "delay 250ms")]
    public void Given_one_setting_Then_it_alone_reaches_netem(string setting, string netem)
    {
        var action = Assert.IsType<ImpairAction>(OnlyAction($"name: x\nstages:\n  - title: t\n    do:\n      - impair:\n          on: db1\n          {setting}\n"));
        Assert.Equal(netem, action.Impairment!.NetemArguments);
    }

    [Theory]
    [InlineData("delay: 100", "'delay: 100' is not a duration; write e.g. 100ms, 1.5s")]
    [InlineData("delay: 100us", "'delay: 100us' is not a duration; write e.g. 100ms, 1.5s")]
    [InlineData("delay: -5ms", "'delay: -5ms' must be positive; write e.g. 100ms")]
    [InlineData("delay: 0ms", "'delay: 0ms' must be more than 0")]
    [InlineData("delay: 20s", "'delay: 20s' is more than 10s; to cut a host off, use isolate")]
    [InlineData("jitter: 10ms", "'jitter' varies the delay: give 'delay' too, e.g. delay: 100ms, jitter: 10ms")]
    [InlineData("loss: 1", "'loss: 1' must be a percentage such as 1% or 0.5%")]
    [InlineData("loss: -1%", "'loss: -1%' must be a percentage such as 1% or 0.5% (not negative)")]
    [InlineData("loss: 0%", "'loss: 0%' must be more than 0%")]
    [InlineData("loss: 100%", "'loss: 100%' must be below 100%; to cut a host off, use isolate (it keeps the tool's own SSH connection)")]
    [InlineData("rate: 10mbps", "'rate: 10mbps': tc reads 'bps' as bytes per second; write bits, e.g. 10mbit, 512kbit or 1gbit")]
    [InlineData("rate: fast", "'rate: fast' must be a rate more than 0 in bit, kbit, mbit or gbit per second, e.g. 10mbit or 512kbit")]
    [InlineData("rate: 0mbit", "'rate: 0mbit' must be a rate more than 0 in bit, kbit, mbit or gbit per second, e.g. 10mbit or 512kbit")]
    [InlineData("latency: 5ms", "unknown key 'latency'; expected one of: on, delay, jitter, loss, rate")]
    public void Given_a_bad_setting_Then_the_error_names_the_line_of_that_setting(string setting, string problem)
    {
        // Line 7 is the setting's own line (the action is on 5, its host on 6); a delay follows where one is needed.
        var delay = setting.StartsWith("delay") || setting.StartsWith("jitter") ? "" : "          delay: 50ms\n";
        var e = Assert.Throws<LabFileException>(() => Loader.Parse("s.yaml",
            $"name: x\nstages:\n  - title: t\n    do:\n      - impair:\n          on: db1\n          {setting}\n{delay}"));
        Assert.Equal($"s.yaml:7: {problem}", e.Message);
    }

    [Fact]
    public void Given_an_impairment_that_does_nothing_or_names_an_unknown_host_Then_it_is_refused_at_its_line()
    {
        var empty = Assert.Throws<LabFileException>(() => Loader.Parse("s.yaml", "name: x\nstages:\n  - title: t\n    do:\n      - impair: { on: db1 }\n"));
        var unknown = Assert.Throws<LabFileException>(() => Loader.Parse("s.yaml", "name: x\nstages:\n  - title: t\n    do:\n      - unimpair: [db2, db9]\n"));
        var scalar = Assert.Throws<LabFileException>(() => Loader.Parse("s.yaml", "name: x\nstages:\n  - title: t\n    do:\n      - impair: db2\n"));

        Assert.Equal("s.yaml:5: say what to do to the link: 'delay' (with optional 'jitter'), 'loss' and/or 'rate'", empty.Message);
        Assert.Equal("s.yaml:5: unknown host 'db9'; lab 'galera' has: db1, db2, db3, haproxy, client", unknown.Message);
        Assert.Equal("s.yaml:5: 'impair' must be a mapping", scalar.Message);
    }

    [Fact]
    public async Task Given_an_impairment_When_the_scenario_passes_Then_tc_ran_on_each_named_host_and_it_is_removed_at_the_end()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: slow link to db2 and db3
                do: [ { impair: { on: [db2, db3], delay: 100ms, jitter: 10ms, loss: 1%, rate: 10mbit } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        foreach (var h in new[] { "db2", "db3" })
        {
            var tc = lab[h].Commands.Select(c => c.Command).Where(c => c.StartsWith("tc ")).ToList();
            Assert.True(tc.SequenceEqual([Apply + "delay 100ms 10ms loss 1% rate 10mbit", Remove]), $"{h} tc commands: {string.Join(" / ", tc)}");
        }
        Assert.True(lab["db1"].LinkChanges.Count == 0, $"db1 should be untouched: {string.Join(", ", lab["db1"].LinkChanges)}");
        Assert.Contains("netem", result.Steps[0].Detail);
        var cleanUp = result.Steps.Skip(1).ToList();
        Assert.True(cleanUp.Count == 2 && cleanUp.All(s => s is { Passed: true, StageTitle: ScenarioRunner.CleanUpTitle, Kind: StepKind.Action, Stage: 1 }),
            $"expected two passed clean-up steps after the stage:\n{result.Timeline()}");
        Assert.Equal(["restore the link of db2 (remove netem)", "restore the link of db3 (remove netem)"], cleanUp.Select(s => s.Description).Order());
    }

    [Fact]
    public async Task Given_an_impairment_the_scenario_removes_itself_Then_nothing_is_left_to_clean_up()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: lossy
                do: [ { impair: { on: db2, loss: 5% } } ]
              - title: clean again
                do: [ { unimpair: db2 } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.True(result.Steps.Count == 2, $"no clean-up step expected:\n{result.Timeline()}");
        Assert.Equal([new LinkImpairment(LossPercent: 5), null], lab["db2"].LinkChanges);
    }

    [Fact]
    public async Task Given_a_failing_step_after_an_impairment_Then_the_impairment_is_still_removed_and_the_first_failure_is_the_error()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].OnCommand(new Regex("^boom$"), (_, _) => new CommandResult(1, "", "boom failed\n"));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: slow db2, then fail
                do:
                  - impair: { on: db2, delay: 200ms }
                  - shell: { on: db1, run: boom }
              - title: never reached
                do: [ { unimpair: db2 } ]
            """);

        Assert.False(result.Passed);
        Assert.True(result.Error == "db1: expected exit 0, got exit 1: boom failed", $"error: {result.Error}");
        Assert.Equal([new LinkImpairment(Delay: TimeSpan.FromMilliseconds(200)), null], lab["db2"].LinkChanges);
        var last = result.Steps[^1];
        Assert.True(last is { Passed: true, StageTitle: ScenarioRunner.CleanUpTitle, Description: "restore the link of db2 (remove netem)" }, result.Timeline());
    }

    [Fact]
    public async Task Given_a_run_cancelled_after_an_impairment_Then_the_impairment_is_still_removed()
    {
        var lab = new ScenarioHarness("galera");
        using var cts = new CancellationTokenSource();
        lab["db1"].OnCommand(new Regex("^ctrl-c$"), (_, _) => { cts.Cancel(); return new CommandResult(0, "", ""); });
        var scenario = lab.Parse("""
            name: t
            stages:
              - title: slow db2, then Ctrl-C
                do:
                  - impair: { on: db2, rate: 1mbit }
                  - shell: { on: db1, run: ctrl-c }
                  - shell: { on: db1, run: "true" }
            """);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            VirtualTime.RunAsync(lab.Clock, () => new ScenarioRunner(lab.Lab.Instance, lab.Observer, lab.Clock).RunAsync(scenario, cts.Token)));

        Assert.Equal([new LinkImpairment(RateBitsPerSecond: 1_000_000), null], lab["db2"].LinkChanges);
        Assert.Equal(Remove, lab["db2"].Commands[^1].Command);
    }

    [Fact]
    public async Task Given_a_kernel_without_netem_Then_the_scenario_fails_with_one_line_naming_host_feature_and_fix_and_leaves_nothing()
    {
        var lab = new ScenarioHarness("galera");
        lab["db2"].OnCommand(new Regex("^tc qdisc replace "), (_, _) => new CommandResult(2, "", NoNetem));
        lab["db2"].OnCommand(new Regex("^tc qdisc del "), (_, _) => new CommandResult(2, "", NothingToDelete));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: slow db2
                do: [ { impair: { on: db2, delay: 100ms } } ]
            """);

        Assert.False(result.Passed);
        Assert.Equal("db2: this host's kernel has no netem (sch_netem), so its link cannot be impaired; " +
                     "run the lab on the vm target (lab up galera --target vm), whose VMs have Debian's own kernel", result.Error);
        // The removal still ran, and "nothing to delete" counts as removed.
        Assert.True(result.Steps[^1] is { Passed: true, StageTitle: ScenarioRunner.CleanUpTitle }, result.Timeline());
        Assert.Equal(Remove, lab["db2"].Commands[^1].Command);
    }

    [Fact]
    public async Task Given_no_netem_When_a_host_is_impaired_directly_Then_it_is_a_user_error_not_a_bug()
    {
        var lab = new ScenarioHarness("galera");
        lab["db3"].OnCommand(new Regex("^tc qdisc replace "), (_, _) => new CommandResult(2, "", NoNetem));

        var e = await Assert.ThrowsAsync<NetemUnavailableException>(() => lab["db3"].ImpairLinkAsync(new LinkImpairment(RateBitsPerSecond: 1_000_000)));

        Assert.IsAssignableFrom<LabException>(e);
        Assert.Equal("db3", e.Host);
        Assert.StartsWith("db3: this host's kernel has no netem (sch_netem)", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Theory]
    [InlineData(NothingToDelete)]
    [InlineData("RTNETLINK answers: No such file or directory\n")]
    public async Task Given_nothing_to_remove_Then_removal_succeeds(string stderr)
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].OnCommand(new Regex("^tc qdisc del "), (_, _) => new CommandResult(2, "", stderr));

        await lab["db1"].ImpairLinkAsync(null);
        await lab["db1"].ImpairLinkAsync(null);

        Assert.Equal([Remove, Remove], lab["db1"].Commands.Select(c => c.Command));
    }

    [Fact]
    public async Task Given_no_tc_on_the_host_Then_impairing_says_which_package_and_removing_has_nothing_to_do()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].OnCommand(new Regex("^tc "), (_, _) => new CommandResult(127, "", "sh: 1: tc: not found\n"));

        await lab["db1"].ImpairLinkAsync(null);
        var e = await Assert.ThrowsAsync<LabException>(() => lab["db1"].ImpairLinkAsync(new LinkImpairment(LossPercent: 2)));

        Assert.Equal("db1: `tc` is not installed, so its link cannot be impaired; install Debian's iproute2 on it (apt-get install iproute2)", e.Message);
    }

    [Fact]
    public async Task Given_removal_fails_at_the_end_Then_a_scenario_that_passed_fails_naming_the_clean_up()
    {
        var lab = new ScenarioHarness("galera");
        lab["db2"].OnCommand(new Regex("^tc qdisc del "), (_, _) => new CommandResult(1, "", "Cannot find device \"eth0\"\n"));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: slow db2
                do: [ { impair: { on: db2, delay: 100ms } } ]
            """);

        Assert.False(result.Passed);
        Assert.True(result.Error?.StartsWith("clean-up: restore the link of db2 (remove netem): db2: `tc qdisc del dev eth0 root` failed (exit 1: Cannot find device \"eth0\")") == true,
            result.Timeline());
    }

    [Fact]
    public async Task Given_a_second_impairment_of_the_same_host_Then_it_replaces_the_first_and_one_removal_follows()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: a little
                do: [ { impair: { on: db2, delay: 10ms } } ]
              - title: a lot
                do: [ { impair: { on: db2, delay: 300ms, loss: 2% } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.Equal([Apply + "delay 10ms", Apply + "delay 300ms loss 2%", Remove], lab["db2"].Commands.Select(c => c.Command));
    }
}
