using Lab.Cli.Tests.Support;

namespace Lab.Cli.Tests;

/// <summary>Help names the hosts of every lab, read from labs/, and the options `status` and `start` have for waiting.</summary>
public sealed class HostHelpTests
{
    [Theory]
    [InlineData("sql")]
    [InlineData("shell")]
    [InlineData("start")]
    public async Task Given_a_command_taking_a_host_When_its_help_is_shown_Then_it_lists_each_labs_hosts(string command)
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync(command, "--help");

        Assert.True(exit == 0, $"exit {exit}:\n{output}");
        var flat = string.Join(" ", output.Split('\n').Select(l => l.Trim()));
        Assert.True(flat.Contains("galera: db1, db2, db3, haproxy, client", StringComparison.Ordinal) &&
                    flat.Contains("replication: primary, replica1, replica2, client", StringComparison.Ordinal) &&
                    flat.Contains("ha-drbd: node1, node2, client", StringComparison.Ordinal), output);
    }

    [Theory]
    [InlineData("status", "--watch")]
    [InlineData("start", "--wait")]
    public async Task Given_help_Then_the_waiting_options_are_there(string command, string option)
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync(command, "--help");

        Assert.True(exit == 0 && output.Contains(option, StringComparison.Ordinal), $"exit {exit}:\n{output}");
    }
}
