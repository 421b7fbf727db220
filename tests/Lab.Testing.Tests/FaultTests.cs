using Lab.Core.Hosts;
using Lab.Core.Status;
using Lab.Instances;
using MySqlConnector;

namespace Lab.Testing.Tests;

/// <summary>
/// Each fault does what it says, seen from the cluster itself (the surviving nodes' wsrep status) and from the side of
/// an application; each test leaves the lab healthy again, as found.
/// </summary>
[Collection(GaleraEnvironmentCollection.Name)]
public sealed class FaultTests(GaleraEnvironmentFixture fixture)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private LabEnvironment Lab => fixture.Lab;

    [Fact]
    public async Task Given_db1_When_killed_Then_it_leaves_the_cluster_and_When_started_Then_it_is_Synced_again()
    {
        await Lab.WaitHealthyAsync(Within);
        var db1 = Lab.Host("db1");

        await db1.KillAsync();
        Assert.Equal(ServiceState.Stopped, (await db1.ServiceStatusAsync()).State);
        await Lab.WaitForAsync("db1 left the cluster", s => Size(s, "db2") == 2 && Size(s, "db3") == 2, Within);
        // What an application sees: db1's own port has no server behind it any more.
        await Assert.ThrowsAsync<MySqlException>(() => OpenAsync("db1"));

        await db1.StartAsync();
        await db1.WaitHealthyAsync(Within);
        var status = await Lab.StatusAsync();
        Assert.True(status.Host("db1").Galera is { Ok: true, Value: { } g } && g.IsPrimarySynced(3), $"db1: {status.Host("db1").Galera}");
        await using var back = await OpenAsync("db1");
    }

    [Fact]
    public async Task Given_db2_When_stopped_cleanly_Then_the_others_go_on_as_two_and_When_started_Then_three()
    {
        await Lab.WaitHealthyAsync(Within);
        var db2 = Lab.Host("db2");

        await db2.StopAsync();
        Assert.Equal(ServiceState.Stopped, (await db2.ServiceStatusAsync()).State);
        await Lab.WaitForAsync("db2 left the cluster", s => Size(s, "db1") == 2 && Size(s, "db3") == 2, Within);

        await db2.StartAsync();
        await Lab.WaitHealthyAsync(Within);
    }

    [Fact]
    public async Task Given_db3_When_paused_Then_its_process_is_frozen_and_When_resumed_Then_it_serves_again()
    {
        await Lab.WaitHealthyAsync(Within);
        var db3 = Lab.Host("db3");

        await db3.PauseAsync();
        try
        {
            Assert.Equal(ServiceState.Paused, (await db3.ServiceStatusAsync()).State);
            // A frozen server accepts nothing: the driver gives up after its connect timeout.
            var frozen = new MySqlConnectionStringBuilder(Lab.ConnectionString("db3")) { ConnectionTimeout = 2 }.ConnectionString;
            await using var c = new MySqlConnection(frozen);
            await Assert.ThrowsAsync<MySqlException>(() => c.OpenAsync());
        }
        finally
        {
            await db3.ResumeAsync();
        }
        Assert.Equal(ServiceState.Running, (await db3.ServiceStatusAsync()).State);
        await db3.WaitHealthyAsync(Within);
        await using var back = await OpenAsync("db3");
    }

    [Fact]
    public async Task Given_db1_When_its_network_is_cut_Then_it_is_non_Primary_alone_and_When_healed_Then_it_rejoins()
    {
        await Lab.WaitHealthyAsync(Within);
        var db1 = Lab.Host("db1");

        await db1.Network.CutAsync();
        try
        {
            var cut = await Lab.WaitForAsync("db1 non-Primary, db2 and db3 Primary as two", s =>
                s.Host("db1").Galera is { Ok: true, Value: { ClusterStatus: "non-Primary" } }
                && s.Host("db2").Galera is { Ok: true, Value: { ClusterStatus: "Primary", ClusterSize: 2 } }, Within);
            Assert.Equal(ServiceState.Running, (await db1.ServiceStatusAsync()).State);
        }
        finally
        {
            await db1.Network.HealAsync();
        }
        await Lab.WaitHealthyAsync(Within);
    }

    [Fact]
    public async Task Given_a_link_impairment_Then_it_applies_where_the_kernel_has_netem_and_otherwise_says_why_leaving_the_link_as_it_was()
    {
        var db2 = Lab.Host("db2");
        var before = await QdiscAsync(db2.Raw);
        if (await KernelHasNetemAsync())
        {
            await db2.Network.ImpairAsync(delay: TimeSpan.FromMilliseconds(20), lossPercent: 0.5);
            Assert.Contains("netem", await QdiscAsync(db2.Raw));
        }
        else
        {
            var e = await Assert.ThrowsAsync<LabFeatureNotSupportedException>(() => db2.Network.ImpairAsync(delay: TimeSpan.FromMilliseconds(20)));
            Assert.IsAssignableFrom<NotSupportedException>(e);
            Assert.Contains("netem", e.Message);
            Assert.Contains("--target vm", e.Message);
        }
        await db2.Network.RestoreLinkAsync();
        Assert.Equal(before, await QdiscAsync(db2.Raw));
        await Assert.ThrowsAsync<ArgumentException>(() => db2.Network.ImpairAsync());
    }

    private static int Size(LabStatus status, string host) => status.Host(host).Galera is { Ok: true, Value: { } g } ? g.ClusterSize : -1;

    private async Task<MySqlConnection> OpenAsync(string host)
    {
        var c = new MySqlConnection(new MySqlConnectionStringBuilder(Lab.ConnectionString(host)) { ConnectionTimeout = 5, Pooling = false }.ConnectionString);
        try
        {
            await c.OpenAsync();
            return c;
        }
        catch
        {
            await c.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> QdiscAsync(ILabHost host) => (await host.RunAsync("tc qdisc show dev eth0")).Stdout.Trim();

    // Probed apart from the code under test: can a netem qdisc be added in a scratch network namespace on this kernel?
    private static async Task<bool> KernelHasNetemAsync() =>
        (await ProcessRunner.RunAsync("unshare", ["--net", "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"], timeout: TimeSpan.FromSeconds(10))).Ok;
}
