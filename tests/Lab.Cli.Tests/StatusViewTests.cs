using Lab.Cli.Views;
using Lab.Core.Galera;
using Lab.Core.Haproxy;
using Lab.Core.Hosts;
using Lab.Core.Replication;
using Lab.Core.Status;
using Spectre.Console;

namespace Lab.Cli.Tests;

/// <summary>
/// `lab status` at 80 columns: every lab's table keeps its headers and addresses whole, a server that gives no reading
/// shows one word in its row and the client's error goes below the table, with the next command.
/// </summary>
public sealed class StatusViewTests
{
    private const int Width = 80;

    private static string Render(LabStatus status)
    {
        var writer = new StringWriter();
        var console = Support.CliRunner.PlainConsole(writer);
        console.Profile.Width = Width;
        StatusView.Render(console, status);
        return writer.ToString().ReplaceLineEndings("\n");
    }

    private static IReadOnlyList<string> Lines(string output) => output.TrimEnd('\n').Split('\n');

    /// <summary>The table's row for a host: the line starting with its name.</summary>
    private static string[] Row(string output, string host) =>
        Lines(output).First(l => l.StartsWith(host + " ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static void AssertFits(string output)
    {
        var wide = Lines(output).Where(l => l.TrimEnd().Length > Width).ToList();
        Assert.True(wide.Count == 0, $"lines wider than {Width} columns:\n{string.Join("\n", wide)}\n\nwhole output:\n{output}");
    }

    private static ServiceStatus Up(string service) => new(service, ServiceState.Running, 100);

    private static HostStatus GaleraNode(string name, int last, GaleraStatus? galera, NoReading? missing = null) =>
        new(name, $"10.10.10.{last}", [galera is null && missing?.State == NoReading.Down ? new ServiceStatus("galera", ServiceState.Stopped, 0) : Up("galera"), Up("clustercheck")])
        {
            Galera = galera is not null ? Reading<GaleraStatus>.Of(galera) : Reading<GaleraStatus>.None(missing!),
        };

    private static LabStatus Galera(HostStatus db1)
    {
        var synced = new GaleraStatus("Primary", 3, "Synced", "ON");
        var backends = new[] { "db1", "db2", "db3" }.Select(s => new HaproxyBackend("galera", s, "UP", "L7OK", "")).ToList();
        return new LabStatus("galera", "galera", "local", "10.10.10.0/24", new StatusAspects(true, false, null, false, true),
        [
            db1, GaleraNode("db2", 102, synced), GaleraNode("db3", 103, synced),
            new HostStatus("haproxy", "10.10.10.41", [Up("haproxy")]) { Backends = Reading<IReadOnlyList<HaproxyBackend>>.Of(backends) },
            new HostStatus("client", "10.10.10.50", []),
        ]);
    }

    private static HostStatus Server(string name, int last, bool readOnly, string gtid, Dictionary<string, string>? replica, ServiceState state = ServiceState.Running) =>
        new(name, $"10.10.10.{last}", [new ServiceStatus("mariadb", state, state == ServiceState.Running ? 100 : 0), Up("keepalived")])
        {
            Replication = state == ServiceState.Running
                ? Reading<ReplicationReading>.Of(new ReplicationReading(readOnly, GtidPosition.Parse(gtid), new ReplicaStatus(replica ?? new())))
                : Reading<ReplicationReading>.None(NoReading.NotRunning(new ServiceStatus("mariadb", state, 0), "mariadbd")),
            HoldsVip = Reading<bool>.Of(name == "primary" && state == ServiceState.Running),
        };

    private static Dictionary<string, string> Threads(string io, string sql = "Yes", string lag = "0") => new()
    {
        ["Slave_IO_Running"] = io, ["Slave_SQL_Running"] = sql, ["Seconds_Behind_Master"] = lag, ["Master_Host"] = "10.10.10.111",
        ["Last_IO_Errno"] = io == "Yes" ? "0" : "2003",
        ["Last_IO_Error"] = io == "Yes" ? "" : "error reconnecting to master 'repl@10.10.10.111:3306' - retry-time: 1  maximum-retries: 100000",
    };

    private static LabStatus Failover(ServiceState primary, string io) => new("failover", "failover", "local", "10.10.10.0/24",
        new StatusAspects(false, true, "10.10.10.110", false, false),
    [
        Server("primary", 111, false, "0-111-1234", null, primary),
        Server("replica1", 112, true, "0-111-1234", Threads(io, lag: io == "Yes" ? "0" : "NULL")),
        Server("replica2", 113, true, "0-111-1234", Threads(io, lag: io == "Yes" ? "0" : "NULL")),
        new HostStatus("client", "10.10.10.50", []),
    ]);

    [Fact]
    public void Given_a_healthy_galera_lab_Then_its_columns_fit_80_columns_whole_and_it_says_healthy()
    {
        var output = Render(Galera(GaleraNode("db1", 101, new GaleraStatus("Primary", 3, "Synced", "ON"))));

        AssertFits(output);
        Assert.Contains(Lines(output), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SequenceEqual(["host", "address", "services", "cluster", "size", "state", "ready", "haproxy"]));
        Assert.Equal(["db1", "10.10.10.101", "up", "Primary", "3", "Synced", "ON"], Row(output, "db1"));
        Assert.Equal(["haproxy", "10.10.10.41", "up", "db1", "UP"], Row(output, "haproxy"));
        Assert.Contains("healthy: every service running; every node Primary and Synced at full size; every HAProxy backend UP",
            string.Join(" ", Lines(output).Select(l => l.Trim())));
    }

    [Fact]
    public void Given_db1_runs_but_refuses_connections_Then_its_row_says_no_answer_and_the_client_error_is_below_the_table()
    {
        const string error = "db1: `SHOW GLOBAL STATUS` failed: ERROR 2002: Can't connect to local server through socket '/run/mysqld/mysqld.sock' (111)";

        var output = Render(Galera(GaleraNode("db1", 101, null, new NoReading(NoReading.NoAnswer, error))));

        AssertFits(output);
        Assert.Equal(["db1", "10.10.10.101", "up", "no", "answer"], Row(output, "db1"));
        var table = Lines(output).TakeWhile(l => !l.StartsWith("not healthy", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(table, l => l.Contains("ERROR", StringComparison.Ordinal));
        var verdict = string.Join(" ", Lines(output).SkipWhile(l => !l.StartsWith("not healthy:", StringComparison.Ordinal)).Select(l => l.Trim()));
        Assert.True(verdict.StartsWith("not healthy: db1: mariadbd runs but does not answer", StringComparison.Ordinal) &&
                    verdict.Contains("ERROR 2002", StringComparison.Ordinal) && verdict.EndsWith("next: lab status --watch", StringComparison.Ordinal), verdict);
    }

    [Fact]
    public void Given_a_healthy_failover_lab_Then_threads_read_only_gtid_and_the_VIP_holder_are_shown_within_80_columns()
    {
        var output = Render(Failover(ServiceState.Running, "Yes"));

        AssertFits(output);
        Assert.Contains(Lines(output), l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SequenceEqual(["host", "address", "services", "role", "ro", "IO", "SQL", "lag", "gtid"]));
        Assert.Equal(["primary", "10.10.10.111", "up", "primary", "OFF", "-", "-", "-", "0-111-1234"], Row(output, "primary"));
        Assert.Equal(["replica1", "10.10.10.112", "up", "replica", "ON", "Yes", "Yes", "0s", "0-111-1234"], Row(output, "replica1"));
        Assert.Contains("virtual IP 10.10.10.110: on primary", output);
        Assert.Contains(Lines(output), l => l.StartsWith("healthy: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_the_primary_is_down_and_the_replicas_are_connecting_Then_the_rows_stay_within_80_columns_and_the_reasons_follow()
    {
        var output = Render(Failover(ServiceState.Stopped, "Connecting"));

        AssertFits(output);
        Assert.Equal(["primary", "10.10.10.111", "mariadb", "down"], Row(output, "primary")[..4]);
        Assert.Equal(["replica1", "10.10.10.112", "up", "replica", "ON", "Connecting", "Yes", "NULL", "0-111-1234"], Row(output, "replica1"));
        Assert.Contains("virtual IP 10.10.10.110: held by nobody", output);
        Assert.Contains("  primary: mariadb is stopped\n    next: lab start primary\n", output);
        Assert.Contains("  replica1: IO thread Connecting, SQL thread Yes\n    Last_IO_Error 2003: error reconnecting", output);
    }
}
