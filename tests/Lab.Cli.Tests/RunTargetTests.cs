using Lab.Cli.Tests.Support;
using Lab.Instances;

namespace Lab.Cli.Tests;

public sealed class RunTargetTests
{
    [Fact]
    public async Task Given_an_instance_on_one_target_When_run_asks_for_another_Then_it_refuses_and_names_an_instance_of_its_own()
    {
        using var cli = new CliRunner();
        // A record is all `run` reads to learn where an instance lives; nothing is brought up.
        new InstanceRecord("gv", "galera", "10.10.10.0/24", DateTimeOffset.UtcNow, Environment.ProcessId, ["db1"], Target: "machines").Save(cli.Layout);

        var (exit, output) = await cli.RunAsync("run", "galera", "latency-100ms", "--target", "local", "--instance", "gv");

        Assert.True(exit == 1, $"expected exit 1, got {exit}:\n{output}");
        Assert.Equal("error: instance 'gv' runs on the machines target, not local: leave out --target to run it there, or give this run an instance " +
                     "of its own: lab run galera latency-100ms --target local --instance galera-local", output.Trim());
        Assert.True(File.Exists(cli.Layout.RecordFile("gv")), "the existing instance's record was touched");
    }
}
