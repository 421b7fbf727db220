using System.Text.RegularExpressions;
using Lab.Core.Galera;
using Lab.Core.Haproxy;
using Lab.Core.Hosts;
using Lab.Core.Keepalived;
using Lab.Core.Replication;
using Lab.Core.Services;
using Lab.Core.Sql;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>
/// The fake host answers in the formats the real parsers read (mariadb batch output and errors, show stat CSV, ip
/// addr, coreutils): if it drifted from them, every engine test built on it would prove nothing.
/// </summary>
public sealed class FakeHostTests
{
    private readonly ManualTimeProvider _clock = new();

    private FakeLab Galera() => FakeLab.Load("galera", _clock);

    [Fact]
    public async Task Given_a_statement_scripted_to_fail_When_queried_Then_the_client_prints_the_error_MariaDbClient_parses()
    {
        var db1 = Galera()["db1"];
        db1.Sql.On("SELECT 1", SqlReply.Error(1047, "WSREP has not yet prepared node for application use"));

        var raw = await db1.RunAsync("mariadb -N -B", "SELECT 1;\n");
        var parsed = await db1.QueryAsync("SELECT 1");

        Assert.True(raw.ExitCode == 1 && raw.Stderr == "ERROR 1047 (08S01) at line 1: WSREP has not yet prepared node for application use\n",
            $"raw result was exit {raw.ExitCode}, stderr '{raw.Stderr}'");
        Assert.True(parsed.ErrorCode == 1047 && parsed.ErrorMessage == "WSREP has not yet prepared node for application use", $"parsed: {parsed}");
    }

    [Fact]
    public async Task Given_an_error_in_the_third_statement_When_run_Then_it_names_line_3_and_the_statements_after_it_never_run()
    {
        var db1 = Galera()["db1"];
        db1.Sql.On("INSERT INTO t VALUES (2)", SqlReply.Error(1062, "Duplicate entry '2' for key 'PRIMARY'"));

        var result = await db1.RunAsync("mariadb -N -B", "SELECT 7;\nSET GLOBAL x = 1;\nINSERT INTO t VALUES (2);\nSELECT 8;\n");

        Assert.True(result.Stdout == "7\n", $"stdout was '{result.Stdout}'");
        Assert.True(result.Stderr.StartsWith("ERROR 1062 (23000) at line 3: ", StringComparison.Ordinal), $"stderr was '{result.Stderr}'");
        Assert.True(!db1.Sql.Executed.Contains("SELECT 8"), $"executed: {string.Join(" | ", db1.Sql.Executed)}");
    }

    [Fact]
    public async Task Given_status_variables_When_read_with_StatusAsync_Then_known_ones_are_returned_and_unknown_ones_are_absent()
    {
        var db2 = Galera()["db2"];

        var values = await db2.StatusAsync(["wsrep_cluster_size", "wsrep_cluster_status", "no_such_variable"]);

        Assert.True(values.Count == 2 && values["wsrep_cluster_size"] == "3" && values["wsrep_cluster_status"] == "Primary",
            $"observed: {string.Join(", ", values.Select(kv => $"{kv.Key}={kv.Value}"))}");
    }

    [Fact]
    public async Task Given_a_replica_When_SHOW_SLAVE_STATUS_and_the_gtid_variables_are_read_by_the_engine_Then_they_parse()
    {
        var lab = FakeLab.Load("replication", _clock);
        var replica1 = lab["replica1"];
        replica1.Sql.Replica["Gtid_IO_Pos"] = "0-111-42";
        replica1.Sql.SetVariable("gtid_slave_pos", "0-111-40");

        var status = await ReplicaStatus.ReadAsync(replica1, CancellationToken.None);
        var gtid = await GtidState.ReadAsync(replica1, CancellationToken.None);
        var primary = await ReplicaStatus.ReadAsync(lab["primary"], CancellationToken.None);

        Assert.True(status.BothThreadsRunning && status["Master_Host"] == "10.10.10.111" && status.Received.ToString() == "0-111-42", $"replica1: {status}");
        Assert.True(gtid.SlavePos.ToString() == "0-111-40" && gtid.ReadOnly, $"replica1 gtid: {gtid}");
        Assert.True(!primary.Configured, $"the primary should not be a replica; observed {primary}");
    }

    [Fact]
    public async Task Given_running_replica_threads_When_CHANGE_MASTER_is_sent_Then_it_is_refused_as_MariaDB_refuses_it()
    {
        var replica1 = FakeLab.Load("replication", _clock)["replica1"];

        var result = await replica1.QueryAsync("CHANGE MASTER TO MASTER_HOST='10.10.10.113'");

        Assert.True(result.ErrorCode == 1198, $"expected ERROR 1198, observed {result}");
    }

    [Fact]
    public async Task Given_backend_states_When_show_stat_is_run_Then_HaproxyBackend_parses_the_same_states()
    {
        var lab = Galera();
        var haproxy = lab["haproxy"];
        haproxy.Haproxy.Down("db2");
        haproxy.Haproxy.Initializing("db3");

        var result = await haproxy.RunAsync(HaproxyBackend.ShowStatCommand);
        var backends = HaproxyBackend.ParseShowStat(result.Stdout);

        Assert.True(string.Join(", ", backends) == "db1 UP (L7OK), db2 DOWN (L7STS: Service Unavailable), db3 UP 1/2 (INI)",
            $"parsed: {string.Join(", ", backends)}");
        Assert.True(backends.Count(b => b.IsUp) == 1, $"only db1 has passed a check; IsUp for: {string.Join(", ", backends.Where(b => b.IsUp))}");
    }

    [Fact]
    public async Task Given_haproxy_is_stopped_When_show_stat_is_run_Then_the_command_fails()
    {
        var haproxy = Galera()["haproxy"];
        await haproxy.StopAsync(ServiceCatalog.HaProxy);

        var result = await haproxy.RunAsync(HaproxyBackend.ShowStatCommand);

        Assert.True(result.ExitCode != 0 && result.Stderr.Contains("Connection refused"), $"observed {result.Describe()}");
    }

    [Fact]
    public async Task Given_a_log_with_multibyte_text_When_sized_and_read_from_a_byte_Then_the_offsets_are_in_bytes()
    {
        var db1 = Galera()["db1"];
        db1.Log("노드 시작");                        // 13 UTF-8 bytes and a newline
        var size = await db1.RunAsync($"stat -c %s {db1.MainLog} 2>/dev/null || echo 0");
        db1.Log("IST received");
        var since = await db1.RunAsync($"tail -c +{long.Parse(size.Stdout) + 1} {db1.MainLog} 2>/dev/null");
        var last = await db1.RunAsync($"tail -n 1 {db1.MainLog} 2>/dev/null");
        var missing = await db1.RunAsync("stat -c %s /var/log/none.log 2>/dev/null || echo 0");

        Assert.True(size.Stdout == "14\n", $"size was '{size.Stdout}'");
        Assert.True(since.Stdout == "IST received\n", $"since the mark: '{since.Stdout}'");
        Assert.True(last.Stdout == "IST received\n", $"last line: '{last.Stdout}'");
        Assert.True(missing.Stdout == "0\n", $"a missing log should read as size 0; observed '{missing.Stdout}'");
    }

    [Fact]
    public async Task Given_a_stopped_server_When_queried_Then_the_client_cannot_connect_with_2002()
    {
        var db1 = Galera()["db1"];
        await db1.SignalAsync(ServiceCatalog.Galera, ServiceSignal.Kill);

        var result = await db1.QueryAsync("SELECT 1");

        Assert.True(result.ErrorCode == 2002, $"observed {result}");
    }

    [Fact]
    public async Task Given_a_paused_server_When_queried_Then_the_client_waits_out_its_timeout_on_the_virtual_clock()
    {
        var db1 = Galera()["db1"];
        await db1.SignalAsync(ServiceCatalog.Galera, ServiceSignal.Pause);
        var start = _clock.GetUtcNow();

        var result = await VirtualTime.RunAsync(_clock, () => db1.RunAsync("mariadb -N -B", "SELECT 1;\n", TimeSpan.FromSeconds(30)));

        Assert.True(result.ExitCode == 124 && result.Stderr.StartsWith("timed out after 30s"), $"observed {result.Describe()}");
        Assert.True(_clock.GetUtcNow() - start == TimeSpan.FromSeconds(30), $"virtual time passed: {_clock.GetUtcNow() - start}");
    }

    [Fact]
    public async Task Given_the_failover_lab_When_the_VIP_moves_Then_VirtualIp_and_the_clients_connection_follow_it()
    {
        var lab = FakeLab.Load("failover", _clock);
        var start = _clock.GetUtcNow();
        var before = await new VirtualIp(lab.Instance).HoldersAsync(CancellationToken.None);
        var answeredBefore = await lab["client"].QueryAsync("SELECT @@hostname");
        lab["primary"].RemoveAddress("10.10.10.110");
        var nobody = await VirtualTime.RunAsync(_clock, () => lab["client"].QueryAsync("SELECT @@hostname"));
        lab["replica1"].AddAddress("10.10.10.110");
        var after = await new VirtualIp(lab.Instance).HoldersAsync(CancellationToken.None);
        var answeredAfter = await lab["client"].QueryAsync("SELECT @@hostname");

        Assert.True(before.SequenceEqual(["primary"]) && after.SequenceEqual(["replica1"]), $"holders before: {string.Join(",", before)}, after: {string.Join(",", after)}");
        Assert.True(answeredBefore.Scalar == "primary" && answeredAfter.Scalar == "replica1", $"answered by {answeredBefore.Scalar}, then {answeredAfter.Scalar}");
        Assert.True(nobody.ErrorCode == 2003, $"with nobody holding the VIP the client should not connect; observed {nobody}");
        Assert.True(_clock.GetUtcNow() - start == FakeHost.RefusedConnection, $"a refused connection should cost {FakeHost.RefusedConnection}, it took {_clock.GetUtcNow() - start}");
    }

    [Fact]
    public async Task Given_a_three_node_cluster_When_nodes_crash_and_one_bootstraps_Then_the_status_follows_Galeras_quorum_rules()
    {
        var lab = Galera();
        async Task<string> Seen(string node) => (await GaleraStatus.ReadAsync(lab[node], CancellationToken.None)).ToString();

        await lab["db1"].SignalAsync(ServiceCatalog.Galera, ServiceSignal.Kill);
        var afterOne = await Seen("db2");
        await lab["db2"].SignalAsync(ServiceCatalog.Galera, ServiceSignal.Kill);
        var afterTwo = await Seen("db3");
        await lab["db3"].StopAsync(ServiceCatalog.Galera);
        await lab["db2"].StartAsync(ServiceCatalog.Galera, ["--wsrep-new-cluster"]);
        var bootstrapped = await Seen("db2");
        await lab["db1"].StartAsync(ServiceCatalog.Galera);
        var joined = await Seen("db1");

        Assert.True(afterOne == "Primary, size 2, Synced, ready ON", $"after one crash db2 was: {afterOne}");
        Assert.True(afterTwo == "non-Primary, size 1, Initialized, ready OFF", $"after two crashes db3 was: {afterTwo}");
        Assert.True(bootstrapped == "Primary, size 1, Synced, ready ON", $"after bootstrap db2 was: {bootstrapped}");
        Assert.True(joined == "Primary, size 2, Synced, ready ON", $"after joining db1 was: {joined}");
        Assert.True(lab["haproxy"].Haproxy.IsUp("db1") && !lab["haproxy"].Haproxy.IsUp("db3"),
            $"HAProxy should route to db1 (joined), not db3 (stopped); show stat: {string.Join(", ", HaproxyBackend.ParseShowStat(lab["haproxy"].Haproxy.ShowStat()))}");
    }

    [Fact]
    public async Task Given_an_unscripted_command_When_run_Then_it_succeeds_empty_and_is_recorded_and_a_script_overrides_it()
    {
        var db1 = Galera()["db1"];
        var plain = await db1.RunAsync("systemctl is-active mariadb");
        db1.OnCommand(new Regex("^systemctl is-active"), (_, _) => new CommandResult(3, "inactive\n", ""));
        var scripted = await db1.RunAsync("systemctl is-active mariadb");

        Assert.True(plain is { ExitCode: 0, Stdout: "" }, $"default answer: {plain.Describe()}");
        Assert.True(scripted is { ExitCode: 3, Stdout: "inactive\n" }, $"scripted answer: {scripted.Describe()}");
        Assert.True(db1.Commands.Count(c => c.Command == "systemctl is-active mariadb") == 2, $"commands: {string.Join(" | ", db1.Commands.Select(c => c.Command))}");
    }
}
