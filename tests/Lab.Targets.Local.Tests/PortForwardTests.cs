using Lab.Core.Hosts;
using Lab.Instances;

namespace Lab.Targets.Local.Tests;

/// <summary>The lab's endpoints on this machine's loopback: reachable from here with a real client, and gone after `down`.</summary>
[Collection(GaleraLabCollection.Name)]
public sealed class PortForwardTests(GaleraLabFixture lab)
{
    private Task<CommandResult> AskAsync(int port, string sql) =>
        ProcessRunner.RunAsync("mariadb", ["-h", "127.0.0.1", "-P", port.ToString(), "-u", "app", $"-p{lab.Instance.Secrets["app_password"]}",
            "--connect-timeout=5", "-N", "-e", sql], timeout: TimeSpan.FromSeconds(20));

    [Fact]
    public async Task Given_the_lab_is_up_Then_the_entry_through_HAProxy_answers_a_client_on_this_machine()
    {
        var entry = lab.Instance.Entry;
        Assert.NotNull(entry);
        Assert.Equal("haproxy", entry.Endpoint.Name);
        var answer = await AskAsync(entry.LocalPort, "SELECT @@hostname");
        Assert.True(answer.Ok, answer.ToString());
        Assert.Contains(answer.Stdout.Trim(), new[] { "db1", "db2", "db3" });
    }

    [Fact]
    public async Task Given_each_node_published_Then_each_port_reaches_that_node_itself()
    {
        foreach (var node in new[] { "db1", "db2", "db3" })
        {
            var published = Assert.Single(lab.Instance.Published, p => p.Endpoint.Name == node);
            var answer = await AskAsync(published.LocalPort, "SELECT @@hostname");
            Assert.True(answer.Ok, $"{node}: {answer}");
            Assert.Equal(node, answer.Stdout.Trim());
        }
    }

    [Fact]
    public void Given_the_published_ports_Then_each_listens_on_loopback_only()
    {
        var listening = File.ReadLines("/proc/net/tcp").Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[3] == "0A").Select(f => f[1]).ToList();
        foreach (var p in lab.Instance.Published)
        {
            var port = $":{p.LocalPort:X4}";
            Assert.Equal(["0100007F" + port], listening.Where(l => l.EndsWith(port, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Given_the_instance_opened_again_Then_it_knows_its_published_ports()
    {
        var reopened = lab.Target.Open(lab.InstanceName);
        Assert.Equal(lab.Instance.Published.Select(p => p.Local), reopened.Published.Select(p => p.Local));
    }
}

/// <summary>`down` stops the forwarders (they live in the machine's namespace, not the lab's).</summary>
public sealed class PortForwardDownTests
{
    [Fact]
    public async Task Given_an_instance_with_published_ports_When_it_goes_down_Then_no_forwarder_is_left_and_nothing_listens()
    {
        var fixture = new GaleraLabFixture();
        await fixture.InitializeAsync();
        var ports = fixture.Instance.Published.Select(p => p.LocalPort).ToList();
        Assert.Equal(4, ports.Count);
        var report = await fixture.Target.DownAsync(fixture.InstanceName, CancellationToken.None);
        Assert.Equal(0, PortForwards.Stop(fixture.InstanceName));
        var listening = File.ReadLines("/proc/net/tcp").Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f[3] == "0A").Select(f => Convert.ToInt32(f[1].Split(':')[1], 16)).ToHashSet();
        Assert.DoesNotContain(ports, listening.Contains);
        Assert.NotEmpty(report.Removed);
    }
}
