using Lab.Core.Model;
using Lab.Instances;
using Lab.Targets.Local.HostCommands;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// The host commands' own rules, without a lab: unit names as students type them, systemd's messages and exit codes
/// for what a host does not run, the status page's look and the log's tail. (A real lab runs them in
/// <see cref="SeedServiceCommandsTests"/>.)
/// </summary>
public sealed class HostCommandsTests : IDisposable
{
    private readonly string _state = Directory.CreateTempSubdirectory("sc-hostcmd-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Theory]
    [InlineData("mariadb", "galera", "mariadb.service")]
    [InlineData("mysql", "galera", "mariadb.service")]
    [InlineData("mariadb.service", "galera", "mariadb.service")]
    [InlineData("mysqld.service", "galera", "mariadb.service")]
    [InlineData("clustercheck", "clustercheck", "clustercheck.socket")]
    [InlineData("clustercheck.socket", "clustercheck", "clustercheck.socket")]
    public void Given_a_galera_node_When_a_unit_is_named_as_students_type_it_Then_it_is_the_hosts_service(string typed, string service, string unit)
    {
        var found = new HostUnits(["galera", "clustercheck"]).Find(typed);
        Assert.Equal((service, unit), (found?.Service, found?.Unit));
    }

    [Theory]
    [InlineData("haproxy")]
    [InlineData("mariadb.socket")]
    [InlineData("nosuch")]
    public void Given_a_galera_node_When_a_unit_it_does_not_run_is_named_Then_there_is_none(string typed) =>
        Assert.Null(new HostUnits(["galera", "clustercheck"]).Find(typed));

    [Theory]
    [InlineData("systemctl status haproxy", 4, "Unit haproxy.service could not be found.")]
    [InlineData("systemctl start nosuch", 5, "Failed to start nosuch.service: Unit nosuch.service not found.")]
    [InlineData("systemctl stop nosuch.service", 5, "Failed to stop nosuch.service: Unit nosuch.service not loaded.")]
    [InlineData("systemctl restart haproxy", 5, "Failed to restart haproxy.service: Unit haproxy.service not found.")]
    [InlineData("systemctl status", 1, "Too few arguments.")]
    [InlineData("service", 1, "Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]")]
    [InlineData("galera_new_cluster haproxy", 5, "Failed to restart haproxy.service: Unit haproxy.service not found.")]
    public async Task Given_a_unit_the_host_lacks_Then_the_command_answers_as_systemd_does(string line, int code, string stderr)
    {
        var (exit, _, error) = await RunAsync(line);
        Assert.Equal((code, stderr), (exit, error.Trim()));
    }

    [Fact]
    public async Task Given_a_stopped_service_Then_is_active_prints_inactive_with_3_and_quiet_prints_nothing()
    {
        Assert.Equal((3, "inactive\n"), Pick(await RunAsync("systemctl is-active mariadb")));
        Assert.Equal((3, ""), Pick(await RunAsync("systemctl is-active --quiet mariadb")));
        Assert.Equal((3, "inactive\n"), Pick(await RunAsync("systemctl is-active nosuch")));
        Assert.Equal((3, "○ mariadb.service - MariaDB database server\n     Loaded: loaded (supervised by the lab tool on this namespace host; enabled)\n     Active: inactive (dead)\n"),
            Pick(await RunAsync("systemctl status mariadb -n 0")));
    }

    [Theory]
    [InlineData("journalctl", "journalctl: this lab host keeps one log per service; name it")]
    [InlineData("journalctl --since today -u mariadb", "journalctl: '--since' is not available on this lab host")]
    [InlineData("journalctl -k", "journalctl: option -k is not available on this lab host")]
    public async Task Given_journalctl_options_a_namespace_host_cannot_honour_Then_it_says_so(string line, string message)
    {
        var (exit, _, error) = await RunAsync(line);
        Assert.Equal(1, exit);
        Assert.StartsWith(message, error);
    }

    [Fact]
    public async Task Given_bundled_short_options_as_systemd_suggests_Then_journalctl_reads_the_unit() =>
        Assert.Equal((0, "-- No entries --\n"), Pick(await RunAsync("journalctl -xeu haproxy.service")));

    [Theory]
    [InlineData(0.2, "200ms")]
    [InlineData(12, "12s")]
    [InlineData(123, "2min 3s")]
    [InlineData(3900, "1h 5min")]
    [InlineData(90000, "1 day 1h")]
    public void Given_a_span_Then_it_reads_as_systemds(double seconds, string expected) =>
        Assert.Equal(expected, UnitStatusView.Ago(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Given_a_running_unit_Then_status_shows_active_since_and_the_main_process()
    {
        var started = new DateTime(2026, 11, 22, 16, 40, 1, DateTimeKind.Utc);
        var text = UnitStatusView.Render(new HostUnit("galera", "mariadb.service", "MariaDB database server"),
            new UnitState("active", "running", Environment.ProcessId, started), "db1", "mariadbd --user=mysql", ["last line"], started.AddSeconds(5));
        Assert.Contains("● mariadb.service - MariaDB database server\n", text);
        Assert.Contains("     Active: active (running) since Sun 2026-11-22 16:40:01 UTC; 5s ago\n", text);
        Assert.Contains($"   Main PID: {Environment.ProcessId} (", text);
        Assert.EndsWith("\n\nlast line\n", text);
    }

    [Fact]
    public void Given_a_log_longer_than_a_read_block_Then_the_tail_is_its_last_lines()
    {
        var log = Path.Combine(_state, "error.log");
        File.WriteAllLines(log, Enumerable.Range(1, 20000).Select(n => $"line {n} {new string('x', 20)}"));
        Assert.Equal(Enumerable.Range(19996, 5).Select(n => $"line {n} {new string('x', 20)}"), LogTail.Read(log, 5));
        Assert.Equal(20000, LogTail.Read(log, int.MaxValue).Count);
        Assert.Empty(LogTail.Read(Path.Combine(_state, "missing.log"), 5));
    }

    [Fact]
    public void Given_a_host_Then_its_shim_hands_the_typed_command_to_the_tool_for_that_host()
    {
        var host = new LocalLayout(_state, _state, _state);
        var script = ServiceShims.Script(host, "sc1", Definition(), new LabTool("/usr/lib/dotnet/dotnet", "/opt/lab/lab.dll"), "systemctl");
        Assert.StartsWith("#!/bin/sh\n", script);
        Assert.Contains("'/usr/lib/dotnet/dotnet' '/opt/lab/lab.dll' host-service --instance sc1 --host db1 --services 'galera,clustercheck' -- systemctl \"$@\"", script);
        Assert.Contains($"LAB_STATE_DIR='{_state}'", script);
        var without = ServiceShims.Script(host, "sc1", Definition(), null, "systemctl");
        Assert.Contains("exit 1", without);
    }

    private static HostDefinition Definition() =>
        Lab.Core.Loading.LabCatalog.Locate().Load("galera").Hosts.Single(h => h.Name == "db1");

    private static (int, string) Pick((int Exit, string Out, string Err) r) => (r.Exit, r.Out.ReplaceLineEndings("\n"));

    /// <summary>A command line on a galera node whose supervisor keeps its state in a directory of this test's own.</summary>
    private async Task<(int Exit, string Out, string Err)> RunAsync(string line)
    {
        var words = line.Split(' ');
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var session = new HostServiceSession(new ServiceSupervisor(new LocalLayout(_state, _state, _state), "sc1", "db1", insideHost: true), "db1",
            new HostUnits(["galera", "clustercheck"]), stdout, stderr);
        var exit = await HostServiceCommands.RunAsync(session, words[0], words[1..], CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
