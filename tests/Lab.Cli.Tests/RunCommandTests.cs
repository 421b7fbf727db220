using Lab.Cli.Tests.Support;
using Lab.Instances;

namespace Lab.Cli.Tests;

/// <summary>What `run` refuses before it brings anything up or runs a scenario.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Given_an_instance_on_one_target_When_run_asks_for_another_Then_it_refuses_and_names_an_instance_of_its_own()
    {
        using var cli = new CliRunner();
        // A record is all `run` reads to learn where an instance lives; nothing is brought up.
        new InstanceRecord("gv", "galera", "10.10.10.0/24", DateTimeOffset.UtcNow, Environment.ProcessId, ["db1"], Target: "machines").Save(cli.Layout);

        var (exit, output) = await cli.RunAsync("run", "galera", "latency-100ms", "--target", "local", "--instance", "gv");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        Assert.Equal("error: instance 'gv' runs on the machines target, not local: leave out --target to run it there, or give this run an instance " +
                     "of its own: lab run galera latency-100ms --target local --instance galera-local", output.Trim());
        Assert.True(File.Exists(cli.Layout.RecordFile("gv")), "the existing instance's record was touched");
    }

    [Theory]
    [InlineData("replication", "semi-sync")]
    [InlineData("failover", "vip-health")]
    public async Task Given_an_instance_this_run_did_not_make_When_its_lab_starts_each_scenario_anew_Then_run_refuses_without_recreate(string lab, string scenario)
    {
        using var cli = new CliRunner();
        // Someone's instance, maybe with their own database in it: only its record is needed to be refused.
        new InstanceRecord("r1", lab, "10.10.10.0/24", DateTimeOffset.UtcNow, Environment.ProcessId, ["primary"], Target: "local").Save(cli.Layout);

        var (exit, output) = await cli.RunAsync("run", lab, scenario, "--instance", "r1");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        Assert.Equal($"error: instance 'r1' already exists, and each {lab} scenario starts from a new instance: running would remove it and " +
                     $"everything made in it. Add --recreate to allow that, or run on an instance of its own: lab run {lab} {scenario} --instance {lab}-run",
            output.Trim());
        Assert.True(File.Exists(cli.Layout.RecordFile("r1")), "the existing instance's record was removed");
        Assert.True(Directory.Exists(cli.Layout.InstanceDir("r1")), "the existing instance's directory was removed");
    }

    [Fact]
    public async Task Given_a_junit_path_in_a_missing_directory_When_running_Then_it_stops_before_anything_runs()
    {
        using var cli = new CliRunner();
        var dir = Path.Combine(cli.Scratch, "no-such-dir");

        var (exit, output) = await cli.RunAsync("run", "galera", "--junit", Path.Combine(dir, "x.xml"));

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        Assert.Equal($"error: --junit {dir}/x.xml: the directory {dir} does not exist; create it first (mkdir -p {dir}) or write the report elsewhere", output.Trim());
        Assert.False(Directory.Exists(cli.Layout.InstanceDir("galera")), "an instance was made before the path was checked");
    }

    [Fact]
    public async Task Given_an_html_path_in_a_missing_directory_When_running_Then_it_stops_before_anything_runs()
    {
        using var cli = new CliRunner();
        var dir = Path.Combine(cli.Scratch, "no-such-dir");

        var (exit, output) = await cli.RunAsync("run", "galera", "--html", Path.Combine(dir, "report.html"));

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        Assert.Equal($"error: --html {dir}/report.html: the directory {dir} does not exist; create it first (mkdir -p {dir}) or write the report elsewhere", output.Trim());
        Assert.False(Directory.Exists(cli.Layout.InstanceDir("galera")), "an instance was made before the path was checked");
    }

    [Fact]
    public async Task Given_a_language_the_guides_do_not_have_When_running_Then_it_is_refused_naming_the_ones_they_have()
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync("run", "galera", "--lang", "fr");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2 (bad input), got {exit}:\n{output}");
        Assert.Contains("'fr'", output);
        Assert.Contains("'ko'", output);
    }
}
