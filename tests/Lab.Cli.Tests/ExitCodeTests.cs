using Lab.Cli.Tests.Support;
using Lab.Core.Errors;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Instances;

namespace Lab.Cli.Tests;

/// <summary>The documented exit codes: each kind of outcome has its own, `lab --help` lists them all.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public async Task Given_help_Then_it_lists_every_exit_code_with_its_meaning()
    {
        using var cli = new CliRunner();

        var (_, output) = await cli.RunAsync("--help");

        foreach (var code in new[] { "0 ok", "1 failure", "2 bad input", "3 lab not healthy", "4 a scenario failed", "70 internal error", "130 interrupted" })
            Assert.True(output.Contains(code, StringComparison.Ordinal), $"help does not explain exit code '{code}':\n{output}");
    }

    [Theory]
    [InlineData("status", "--bogus")]
    [InlineData("up", "galera", "--target", "mars")]
    [InlineData("up", "nosuchlab")]
    [InlineData("env", "--instance", "ghost")]
    [InlineData("run", "galera", "no-such-scenario")]
    [InlineData("up", "galera", "--bare", "--target", "machines")]
    [InlineData("check", "lvs")]
    public async Task Given_input_naming_nothing_that_exists_When_run_Then_it_exits_2(params string[] args)
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync(args);

        Assert.True(exit == ExitCodes.BadInput, $"`lab {string.Join(' ', args)}`: expected exit 2 (bad input), got {exit}:\n{output}");
        Assert.False(Directory.Exists(cli.Layout.InstancesDir) && Directory.GetDirectories(cli.Layout.InstancesDir).Length > 0, "an instance was made");
    }

    [Fact]
    public void Given_each_kind_of_lab_error_Then_input_errors_map_to_2_and_the_machines_to_1()
    {
        Assert.Equal(ExitCodes.BadInput, ExitCodes.For(new LabInputException("unknown host")));
        Assert.Equal(ExitCodes.BadInput, ExitCodes.For(new LabFileException("lab.yaml", 3, "not valid YAML")));
        Assert.Equal(ExitCodes.BadInput, ExitCodes.For(new UnknownLabException("x", ["galera"])));
        Assert.Equal(ExitCodes.BadInput, ExitCodes.For(new InstanceNotFoundException("x", [])));
        Assert.Equal(ExitCodes.Failure, ExitCodes.For(new PreflightException("run as root")));
        Assert.Equal(ExitCodes.Failure, ExitCodes.For(new LabException("db2 did not become Synced")));
        Ipv4Subnet.TryParse("10.10.10.0/24", out var subnet);
        Assert.Equal(ExitCodes.Failure, ExitCodes.For(new SubnetInUseException(subnet,
            new InstanceRecord("other", "galera", "10.10.10.0/24", DateTimeOffset.UtcNow, 1, []))));
    }
}
