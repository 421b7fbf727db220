using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Lab.Cli.Tests;

/// <summary>
/// `lab status` on real replication and failover labs (local target), as a student sees it in an 80-column terminal:
/// each replica's IO and SQL threads, who holds the virtual IP, a crashed server shown as down with the command that
/// brings it back, and `lab start --wait` returning once the lab's health rule is satisfied again.
/// </summary>
[Collection(RealLabsCollection.Name)]
public sealed class RealLabStatusTests(RealLabsFixture labs, ITestOutputHelper log)
{
    private readonly RealLab replication = labs.Replication;
    private readonly RealLab failover = labs.Failover;

    private const int Width = 80;

    private static string[] Lines(string output) => output.TrimEnd('\n').Split('\n');

    private static string[] Row(string output, string host) =>
        Lines(output).First(l => l.StartsWith(host + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void AssertFits(string output) =>
        Assert.True(Lines(output).All(l => l.TrimEnd().Length <= Width), $"a line is wider than {Width} columns:\n{output}");

    [Fact]
    public async Task Given_replication_is_up_When_status_is_shown_at_80_columns_Then_both_replicas_run_IO_and_SQL_threads_and_it_is_healthy()
    {
        replication.AssertUp();
        log.WriteLine($"up replication: {replication.UpTime.TotalSeconds:0.0}s");

        var (exit, output) = await replication.RunAsync(Width, "status");

        Assert.True(exit == 0, $"exit {exit}:\n{output}");
        AssertFits(output);
        Assert.Equal(["primary", "up", "primary", "OFF", "-", "-"], Row(output, "primary").Where((_, i) => i != 1).Take(6));
        foreach (var replica in new[] { "replica1", "replica2" })
            Assert.Equal([replica, "up", "replica", "ON", "Yes", "Yes"], Row(output, replica).Where((_, i) => i != 1).Take(6));
        Assert.Contains(Lines(output), l => l.StartsWith("healthy: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_replica_is_killed_Then_status_says_down_and_how_to_start_it_and_start_wait_returns_once_it_replicates_again()
    {
        replication.AssertUp();
        var kill = await replication.RunAsync(Width, "kill", "replica1");
        Assert.True(kill.ExitCode == 0 && kill.Output.Contains("replica1: mariadb killed (SIGKILL)", StringComparison.Ordinal), kill.Output);

        var (exit, output) = await replication.RunAsync(Width, "status");

        Assert.True(exit == 3, $"exit {exit}:\n{output}");
        AssertFits(output);
        Assert.Equal(["replica1", "mariadb", "down"], Row(output, "replica1").Where((_, i) => i != 1).Take(3));
        Assert.DoesNotContain("ERROR", output, StringComparison.Ordinal);
        Assert.True(output.Contains("  replica1: mariadb is stopped\n    next: lab start replica1", StringComparison.Ordinal), output);

        var clock = Stopwatch.StartNew();
        var start = await replication.RunAsync(Width, "start", "replica1", "--wait");
        log.WriteLine($"start replica1 --wait: {clock.Elapsed.TotalSeconds:0.0}s\n{start.Output}");
        Assert.True(start.ExitCode == 0 && start.Output.Contains("replica1 is healthy", StringComparison.Ordinal), start.Output);
        var after = await replication.RunAsync(Width, "status");
        Assert.True(after.ExitCode == 0 && Row(after.Output, "replica1")[5..7].SequenceEqual(["Yes", "Yes"]), after.Output);
    }

    [Fact]
    public async Task Given_failover_is_up_Then_the_VIP_is_on_the_primary_and_after_its_crash_start_wait_returns_once_the_VIP_is_back()
    {
        failover.AssertUp();
        log.WriteLine($"up failover: {failover.UpTime.TotalSeconds:0.0}s");
        var json = await failover.RunAsync(Width, "status", "--json");
        var vip = JsonDocument.Parse(json.Output).RootElement.GetProperty("virtual_ip");
        var address = vip.GetProperty("address").GetString();
        Assert.True(json.ExitCode == 0 && vip.GetProperty("holders").EnumerateArray().Select(e => e.GetString()).SequenceEqual(["primary"]), json.Output);
        var text = await failover.RunAsync(Width, "status");
        AssertFits(text.Output);
        Assert.Contains($"virtual IP {address}: on primary", text.Output);

        await failover.RunAsync(Width, "kill", "primary");
        var clock = Stopwatch.StartNew();
        var start = await failover.RunAsync(Width, "start", "primary", "--wait");
        log.WriteLine($"start primary --wait: {clock.Elapsed.TotalSeconds:0.0}s\n{start.Output}");

        Assert.True(start.ExitCode == 0 && start.Output.Contains("primary is healthy", StringComparison.Ordinal), start.Output);
        var after = await failover.RunAsync(Width, "status");
        Assert.True(after.ExitCode == 0 && after.Output.Contains($"virtual IP {address}: on primary", StringComparison.Ordinal), after.Output);
    }
}
