using Lab.Cli.Tests.Support;
using Lab.Instances;
using Lab.Targets.Local;

namespace Lab.Cli.Tests;

public sealed class CommandTreeTests
{
    [Fact]
    public async Task Given_help_When_run_Then_every_command_is_listed_and_it_exits_0()
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync("--help");

        Assert.True(exit == 0, $"expected exit 0, got {exit}:\n{output}");
        var listed = output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => l.Split(' ')[0]).ToHashSet();
        string[] commands = ["up", "down", "status", "list", "sql", "shell", "render", "start", "stop", "kill", "bench"];
        var missing = commands.Where(c => !listed.Contains(c)).ToList();
        Assert.True(missing.Count == 0, $"help does not list: {string.Join(", ", missing)}\n{output}");
        Assert.True(output.Contains("Commands:"), $"expected a Commands: section:\n{output}");
    }

    [Fact]
    public async Task Given_an_empty_state_directory_When_asking_for_status_Then_it_says_no_instance_is_up_and_exits_2()
    {
        using var cli = new CliRunner();
        // Instances are also found by their network namespaces, which are machine-wide: a lab someone else has up
        // (namespaces lab.NAME.*) is seen even from this empty state directory.
        var seen = Reaper.ExistingInstances(cli.Layout);

        var (exit, output) = await cli.RunAsync("status");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        if (seen.Count == 0)
            Assert.True(output.Trim() == "error: no lab instance is up; start one with `lab up galera`", $"output was:\n{output}");
        else
            Assert.True(output.Trim().StartsWith("error: ", StringComparison.Ordinal) && seen.Any(output.Contains),
                $"with other instances' namespaces present ({string.Join(", ", seen)}) the error should name them; output was:\n{output}");
    }

    [Fact]
    public async Task Given_nothing_is_up_When_asking_for_a_named_instance_Then_it_says_no_such_instance_and_exits_2()
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync("status", "--instance", "ghost");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        Assert.True(output.Trim().StartsWith("error: no instance named 'ghost'", StringComparison.Ordinal), $"output was:\n{output}");
    }

    [Fact]
    public async Task Given_an_instance_that_does_not_exist_When_taking_it_down_twice_Then_both_runs_succeed_and_say_nothing_was_there()
    {
        using var cli = new CliRunner();
        // A name no other test or instance uses, so `down` cannot touch anything real.
        var name = $"t{Guid.NewGuid():N}"[..12];

        var first = await cli.RunAsync("down", "--instance", name);
        var second = await cli.RunAsync("down", "--instance", name);

        foreach (var (exit, output) in new[] { first, second })
        {
            Assert.True(exit == 0, $"expected exit 0, got {exit}:\n{output}");
            Assert.True(output.Trim() == $"nothing to remove for instance '{name}' (already gone)", $"output was:\n{output}");
        }
        Assert.False(Directory.Exists(cli.Layout.InstanceDir(name)), "down must not create the instance's directory");
    }

    [Fact]
    public async Task Given_an_empty_state_directory_When_listing_Then_no_instance_is_shown_and_the_labs_are()
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync("list");

        Assert.True(exit == 0, $"expected exit 0, got {exit}:\n{output}");
        Assert.True(output.Split('\n').Any(l => l.StartsWith("labs: ", StringComparison.Ordinal) && l.Contains("galera")), $"expected a 'labs: ...galera...' line; output was:\n{output}");
        if (Reaper.ExistingInstances(cli.Layout).Count == 0)
            Assert.True(output.Contains("no instances are up"), $"output was:\n{output}");
    }

    [Fact]
    public async Task Given_an_unknown_command_When_run_Then_it_exits_2_and_names_it()
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync("upp", "galera");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        Assert.True(output.Contains("upp"), $"the error should name the unrecognized command; output was:\n{output}");
    }
}
