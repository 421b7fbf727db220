using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>The `power` action and the `command` expectation as the ha-drbd scenarios write them, and their bad forms.</summary>
public sealed class PowerAndCommandLoaderTests
{
    private static readonly ScenarioLoader Loader = new(new LabCatalog(RepoRoot.Path).Load("ha-drbd"));

    private static Stage OneStage(string body) => Assert.Single(Loader.Parse("s.yaml", "name: x\nstages:\n  - title: t\n" + body).Stages);

    private static LabFileException Fails(string body) => Assert.Throws<LabFileException>(() => Loader.Parse("s.yaml", "name: x\nstages:\n  - title: t\n" + body));

    [Fact]
    public void Given_power_off_and_on_When_loaded_Then_each_names_its_hosts()
    {
        var stage = OneStage("    do: [ { power: { off: node1 } }, { power: { on: [node1, node2] } } ]\n");

        var off = Assert.IsType<PowerAction>(stage.Actions[0]);
        var on = Assert.IsType<PowerAction>(stage.Actions[1]);
        Assert.True(!off.On && off.Hosts.SequenceEqual(["node1"]), $"off was {off.Describe()}");
        Assert.True(on.On && on.Hosts.SequenceEqual(["node1", "node2"]), $"on was {on.Describe()}");
    }

    [Fact]
    public void Given_a_command_expectation_When_loaded_Then_output_checks_and_exit_are_kept()
    {
        var stage = OneStage("""
                expect:
                  - command: { on: [node1, node2], run: "drbdadm dstate r0", equals: UpToDate/UpToDate }
                    within: 3m
                  - command: { on: node1, run: "corosync-quorumtool -s", contains: [Quorate, 2Node] }
                  - command: { on: node2, run: "findmnt /var/lib/mysql", exit: 1 }
            """ + "\n");

        var dstate = Assert.IsType<CommandExpectation>(stage.Expectations[0]);
        Assert.True(dstate is { EqualsText: "UpToDate/UpToDate", Exit: 0 } && dstate.Within == TimeSpan.FromMinutes(3) && dstate.Hosts.Count == 2, dstate.Describe());
        Assert.Equal(["Quorate", "2Node"], Assert.IsType<CommandExpectation>(stage.Expectations[1]).Contains);
        Assert.Equal(1, Assert.IsType<CommandExpectation>(stage.Expectations[2]).Exit);
    }

    [Theory]
    [InlineData("    do: [ { power: { off: node1, on: node1 } } ]", "exactly one of 'off' or 'on'")]
    [InlineData("    do: [ { power: { reboot: node1 } } ]", "unknown key 'reboot'")]
    [InlineData("    do: [ { power: { off: node9 } } ]", "unknown host 'node9'")]
    [InlineData("    expect: [ { command: { on: node1, equals: x } } ]", "missing 'run'")]
    [InlineData("    expect: [ { command: { on: node1, run: x, matches: \"(\" } } ]", "not a valid regular expression")]
    public void Given_a_bad_power_or_command_When_loaded_Then_the_error_says_what_is_expected(string body, string expected)
    {
        var e = Fails(body + "\n");

        Assert.True(e.Message.StartsWith("s.yaml:4: ", StringComparison.Ordinal) && e.Message.Contains(expected, StringComparison.Ordinal), e.Message);
    }
}
