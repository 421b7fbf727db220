using System.Text;
using System.Text.RegularExpressions;
using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Services;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>Every action kind the scenario loader accepts, carried out by the real engine on fake hosts.</summary>
public sealed class ScenarioActionTests
{
    private static readonly Regex AnyInsert = new("^INSERT INTO labcheck\\.writes ");

    [Fact]
    public async Task Given_a_running_cluster_When_kill_and_stop_run_Then_only_the_main_service_of_each_named_host_goes_down_the_named_way()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: crash two, stop one
                do:
                  - kill: [db1, db2]
                  - stop: db3
            """);

        Assert.True(result.Passed, result.Timeline());
        foreach (var (host, change) in new[] { ("db1", FakeServiceChange.Killed), ("db2", FakeServiceChange.Killed), ("db3", FakeServiceChange.Stopped) })
        {
            var history = lab[host].Services.History;
            Assert.True(history.Count == 1 && history[0] is { Service: ServiceCatalog.Galera, Args.Count: 0 } && history[0].Change == change,
                $"{host}: expected one {change} of galera, observed: {string.Join(", ", history)}");
            Assert.True(lab[host].Services.Status(ServiceCatalog.ClusterCheck).State == ServiceState.Running,
                $"{host}: clustercheck should be untouched, observed {lab[host].Services.Status(ServiceCatalog.ClusterCheck)}");
        }
    }

    [Fact]
    public async Task Given_all_nodes_down_When_one_starts_with_args_and_the_others_without_Then_each_start_records_its_args_and_the_cluster_forms()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: everything down
                do: [ { kill: [db1, db2, db3] } ]
              - title: bootstrap db2, then the rest
                do:
                  - start: { on: db2, args: [--wsrep-new-cluster] }
                  - start: [db1, db3]
                expect:
                  - status: { on: [db1, db2, db3], wsrep_cluster_size: 3, wsrep_cluster_status: Primary }
            """);

        Assert.True(result.Passed, result.Timeline());
        string Starts(string h) => string.Join(" / ", lab[h].Services.Starts(ServiceCatalog.Galera).Select(a => $"[{string.Join(' ', a)}]"));
        Assert.True(Starts("db2") == "[--wsrep-new-cluster]", $"db2 starts: {Starts("db2")}");
        Assert.True(Starts("db1") == "[]" && Starts("db3") == "[]", $"db1 starts: {Starts("db1")}; db3 starts: {Starts("db3")}");
    }

    [Fact]
    public async Task Given_a_running_node_When_paused_then_resumed_Then_it_is_paused_and_running_again_with_the_same_process()
    {
        var lab = new ScenarioHarness("galera");
        var pid = lab["db3"].Services.Status(ServiceCatalog.Galera).Pid;

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: freeze db3
                do: [ { pause: db3 } ]
                expect: [ { service: { on: db3, state: paused } } ]
              - title: thaw db3
                do: [ { resume: db3 } ]
                expect: [ { service: { on: db3, state: running } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        var after = lab["db3"].Services.Status(ServiceCatalog.Galera);
        Assert.True(after.Pid == pid, $"expected pid {pid} kept through SIGSTOP/SIGCONT, observed {after}");
        Assert.True(string.Join(",", lab["db3"].Services.History.Select(e => e.Change)) == "Paused,Resumed",
            $"history: {string.Join(", ", lab["db3"].Services.History)}");
    }

    [Fact]
    public async Task Given_a_node_When_isolated_then_healed_Then_only_that_host_is_cut_off_and_reconnected()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: cut db1 off
                do: [ { isolate: db1 } ]
              - title: reconnect it
                do: [ { heal: db1 } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.True(lab["db1"].IsolationChanges.SequenceEqual([true, false]), $"db1 isolation changes: {string.Join(",", lab["db1"].IsolationChanges)}");
        Assert.True(lab["db2"].IsolationChanges.Count == 0, $"db2 should be untouched, observed {string.Join(",", lab["db2"].IsolationChanges)}");
        Assert.True(result.Steps[0].Detail?.Contains("nftables") == true, $"isolate detail: {result.Steps[0].Detail}");
    }

    [Fact]
    public async Task Given_a_statement_When_the_sql_action_runs_Then_it_goes_to_the_hosts_client_on_stdin_and_the_first_value_is_the_detail()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Sql.On("SELECT COUNT(*) FROM crash.t", SqlReply.Value("42"));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: ask
                do: [ { sql: { on: db1, run: "SELECT COUNT(*) FROM crash.t" } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.True(result.Steps[0].Detail == "→ 42", $"detail: {result.Steps[0].Detail}");
        var sent = lab["db1"].Commands.Single();
        Assert.True(sent == new FakeCommand("mariadb -N -B", "SELECT COUNT(*) FROM crash.t;\n"), $"command sent: {sent}");
    }

    [Fact]
    public async Task Given_a_node_refusing_queries_When_the_sql_action_expects_that_error_Then_it_passes_with_the_servers_message()
    {
        var lab = new ScenarioHarness("galera");
        lab["db3"].Sql.On("SELECT 1", SqlReply.Error(1047, "WSREP has not yet prepared node for application use"));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: refused
                do: [ { sql: { on: db3, run: "SELECT 1", error: 1047 } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.True(result.Steps[0].Detail == "ERROR 1047: WSREP has not yet prepared node for application use", $"detail: {result.Steps[0].Detail}");
    }

    [Fact]
    public async Task Given_a_node_that_answers_When_the_sql_action_expected_an_error_Then_it_fails_saying_what_came_back()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: refused?
                do: [ { sql: { on: db3, run: "SELECT 1", error: 1047 } } ]
            """);

        Assert.True(!result.Passed && result.Error == "db3: expected ERROR 1047, got 1 row(s), first: 1", $"observed: {result.Timeline()}");
    }

    [Fact]
    public async Task Given_a_statement_that_fails_When_no_error_was_expected_Then_the_action_fails_with_the_error_and_later_stages_do_not_run()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Sql.On("INSERT INTO shop.orders VALUES (1)", SqlReply.Error(1146, "Table 'shop.orders' doesn't exist"));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: write
                do: [ { sql: { on: db1, run: "INSERT INTO shop.orders VALUES (1)" } } ]
              - title: never reached
                do: [ { kill: db2 } ]
            """);

        Assert.True(result.Error == "db1: ERROR 1146: Table 'shop.orders' doesn't exist", $"observed: {result.Timeline()}");
        Assert.True(result.Steps.Count == 1 && lab["db2"].Services.History.Count == 0,
            $"the second stage should not run; steps: {result.Steps.Count}, db2 history: {string.Join(", ", lab["db2"].Services.History)}");
    }

    [Theory]
    [InlineData("slower_than: 2s", 2.5, null)]
    [InlineData("slower_than: 2s", 0.5, "primary: expected the statement to take more than 2s; it took 0.500s")]
    [InlineData("faster_than: 1s", 0.5, null)]
    [InlineData("faster_than: 1s", 2.5, "primary: expected the statement to take less than 1s; it took 2.500s")]
    public async Task Given_a_commit_of_a_set_duration_When_timed_by_slower_than_or_faster_than_Then_it_passes_or_fails_on_virtual_time(
        string bound, double seconds, string? error)
    {
        var lab = new ScenarioHarness("replication");
        lab["primary"].Sql.Delay(new Regex("^INSERT INTO shop"), TimeSpan.FromSeconds(seconds));

        var result = await lab.RunAsync($$"""
            name: t
            stages:
              - title: the commit may wait for a replica's ack
                do: [ { sql: { on: primary, run: "INSERT INTO shop.t VALUES (1)", {{bound}} } } ]
            """);

        Assert.True(result.Error == error, $"expected {(error is null ? "a pass" : error)}; observed: {result.Timeline()}");
        Assert.True(result.Steps[0].Duration == TimeSpan.FromSeconds(seconds), $"the statement took {result.Steps[0].Duration} of virtual time");
        if (error is null) Assert.True(result.Steps[0].Detail == $"took {seconds:0.000}s", $"detail: {result.Steps[0].Detail}");
    }

    [Fact]
    public async Task Given_a_shell_command_When_its_exit_code_is_the_expected_one_Then_it_passes_with_its_output_else_it_fails_with_it()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].OnCommand(new Regex("^grep -c "), (_, _) => new CommandResult(1, "0\n", ""));

        var expected = await lab.RunAsync("""
            name: t
            stages:
              - title: not configured
                do: [ { shell: { on: db1, run: "grep -c gcache.size /etc/mysql/mariadb.conf.d/60-galera.cnf", exit: 1 } } ]
            """);
        var unexpected = await lab.RunAsync("""
            name: t
            stages:
              - title: configured?
                do: [ { shell: { on: db1, run: "grep -c gcache.size /etc/mysql/mariadb.conf.d/60-galera.cnf" } } ]
            """);

        Assert.True(expected.Passed && expected.Steps[0].Detail == "0", $"exit 1 expected: {expected.Timeline()}");
        Assert.True(unexpected.Error == "db1: expected exit 0, got exit 1: 0", $"exit 0 expected: {unexpected.Timeline()}");
    }

    [Fact]
    public async Task Given_a_config_file_When_edited_Then_the_text_is_replaced_and_its_mode_and_owner_are_kept()
    {
        var lab = new ScenarioHarness("galera");
        const string path = "/etc/mysql/clustercheck.cnf";
        lab["db1"].Files.Put(path, "[client]\nuser = clustercheck\npassword = old\n", "0600", "mysql");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: break the health check
                do: [ { edit: { on: db1, path: /etc/mysql/clustercheck.cnf, replace: "password = old", with: "password = wrong" } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        var written = lab["db1"].Files.Writes.Single();
        Assert.True(written == (path, new FakeFile("[client]\nuser = clustercheck\npassword = wrong\n", "0600", "mysql")),
            $"written: {written.Path} mode {written.File.Mode} owner {written.File.Owner}: {written.File.Content}");
    }

    [Fact]
    public async Task Given_a_secret_file_whose_mode_cannot_be_read_When_edited_Then_the_action_fails_and_nothing_is_written()
    {
        // Given a 0600 file whose `stat` fails (a default mode would make the password in it readable by everyone)
        var lab = new ScenarioHarness("galera");
        const string path = "/etc/mysql/clustercheck.cnf";
        lab["db1"].Files.Put(path, "[client]\npassword = old\n", "0600", "mysql");
        lab["db1"].OnCommand(new System.Text.RegularExpressions.Regex("^stat -c '%a %U'"), (_, _) => new Lab.Core.Hosts.CommandResult(1, "", "stat: Permission denied"));

        // When the scenario edits it
        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: edit
                do: [ { edit: { on: db1, path: /etc/mysql/clustercheck.cnf, replace: "password = old", with: x } } ]
            """);

        // Then the step fails saying why, and the file is untouched
        Assert.True(result.Error == "db1: cannot read the mode and owner of /etc/mysql/clustercheck.cnf to keep them (exit 1: stat: Permission denied)",
            $"error: {result.Timeline()}");
        Assert.True(lab["db1"].Files.Writes.Count == 0, $"written anyway: {string.Join(", ", lab["db1"].Files.Writes.Select(w => $"{w.Path} {w.File.Mode}"))}");
    }

    [Fact]
    public async Task Given_a_file_without_the_text_or_no_file_When_edited_Then_the_action_fails_naming_the_file_and_what_it_reads()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Files.Put("/etc/mysql/clustercheck.cnf", "[client]\nuser = clustercheck\n");

        var absentText = await lab.RunAsync("""
            name: t
            stages:
              - title: edit
                do: [ { edit: { on: db1, path: /etc/mysql/clustercheck.cnf, replace: "password = old", with: x } } ]
            """);
        var absentFile = await lab.RunAsync("""
            name: t
            stages:
              - title: edit
                do: [ { edit: { on: db2, path: /etc/mysql/clustercheck.cnf, replace: "password = old", with: x } } ]
            """);

        Assert.True(absentText.Error == "db1: /etc/mysql/clustercheck.cnf does not contain 'password = old'; it reads: [client] | user = clustercheck",
            $"text absent: {absentText.Timeline()}");
        Assert.True(absentFile.Error == "db2: /etc/mysql/clustercheck.cnf does not exist", $"file absent: {absentFile.Timeline()}");
        Assert.True(lab["db1"].Files.Writes.Count == 0, $"nothing should be written when the edit cannot apply; observed {lab["db1"].Files.Writes.Count} write(s)");
    }

    [Fact]
    public async Task Given_provider_options_When_set_Then_the_node_gets_SET_GLOBAL_wsrep_provider_options_with_quotes_escaped()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: force a primary component
                do: [ { provider: { on: db2, options: "pc.bootstrap=YES; gmcast.segment='1'" } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.True(lab["db2"].Sql.Executed.Single() == "SET GLOBAL wsrep_provider_options='pc.bootstrap=YES; gmcast.segment=''1'''",
            $"executed on db2: {string.Join(" | ", lab["db2"].Sql.Executed)}");
        Assert.True(lab["db2"].Sql.Variable("wsrep_provider_options") == "pc.bootstrap=YES; gmcast.segment='1'",
            $"the server holds: {lab["db2"].Sql.Variable("wsrep_provider_options")}");
    }

    [Fact]
    public async Task Given_the_server_refuses_provider_options_When_set_Then_the_action_fails_with_the_servers_error()
    {
        var lab = new ScenarioHarness("galera");
        lab["db2"].Sql.On(new Regex("^SET GLOBAL wsrep_provider_options"), _ => SqlReply.Error(1210, "Incorrect arguments to SET"));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: force a primary component
                do: [ { provider: { on: db2, options: "pc.bootstrap=YES" } } ]
            """);

        Assert.True(result.Error == "db2: `SET GLOBAL wsrep_provider_options='pc.bootstrap=YES'` failed: ERROR 1210: Incorrect arguments to SET",
            $"observed: {result.Timeline()}");
    }

    [Fact]
    public async Task Given_logs_of_different_sizes_When_marked_Then_each_mark_is_the_logs_size_in_bytes_and_a_missing_log_is_0()
    {
        var lab = new ScenarioHarness("galera");
        const string line = "2024-01-01  0:00:00 0 [Note] WSREP: Synchronized with group, ready for connections";
        lab["db1"].Log(line);
        var size = Encoding.UTF8.GetByteCount(line + "\n");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: mark
                do: [ { mark: [db1, db2] } ]
            """);

        Assert.True(result.Passed && result.Steps[0].Detail == $"db1 @ byte {size}, db2 @ byte 0", $"observed: {result.Timeline()}");
    }

    [Fact]
    public async Task Given_a_replica_When_attached_at_another_servers_current_position_Then_it_replicates_from_there_without_a_copy()
    {
        var lab = new ScenarioHarness("replication");
        lab["replica1"].Sql.SetVariable("gtid_binlog_pos", "0-111-9");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: chain replica2 behind replica1
                do: [ { attach: { on: replica2, to: replica1, start: current } } ]
                expect: [ { replica: { on: replica2, Master_Host: 10.10.10.112, Slave_IO_Running: "Yes", Slave_SQL_Running: "Yes" } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.True(result.Steps[0].Detail == "replica2 replicates from replica1 (10.10.10.112), starting at replica1's current position 0-111-9 with no copy of its data",
            $"detail: {result.Steps[0].Detail}");
        var change = lab["replica2"].Sql.Executed.Single(s => s.StartsWith("CHANGE MASTER", StringComparison.Ordinal));
        Assert.True(change.Contains("MASTER_PASSWORD='fake-repl_password'") && change.Contains("MASTER_USE_GTID=slave_pos"), $"CHANGE MASTER sent: {change}");
        Assert.True(lab["replica2"].Sql.Variable("gtid_slave_pos") == "0-111-9", $"gtid_slave_pos: {lab["replica2"].Sql.Variable("gtid_slave_pos")}");
    }

    [Fact]
    public async Task Given_a_replica_When_attached_from_a_copy_Then_the_sources_own_databases_are_dumped_and_loaded_without_binlogging()
    {
        var lab = new ScenarioHarness("replication");
        lab["primary"].Sql.On("SELECT schema_name FROM information_schema.schemata",
            SqlReply.Table(["schema_name"], ["information_schema"], ["shop"], ["mysql"], ["labcheck"], ["performance_schema"], ["sys"]));
        lab["primary"].OnCommand(new Regex("^mariadb-dump "), (_, _) => new CommandResult(0,
            "-- MariaDB dump 10.19\nSET GLOBAL gtid_slave_pos='0-111-12';\nCREATE DATABASE shop;\nCREATE DATABASE labcheck;\n", ""));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: rebuild replica2 from a copy
                do: [ { attach: { on: replica2, to: primary, start: copy } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        var dump = lab["primary"].Commands.Single(c => c.Command.StartsWith("mariadb-dump", StringComparison.Ordinal)).Command;
        Assert.True(dump.EndsWith("--databases 'labcheck' 'shop'", StringComparison.Ordinal), $"dump command: {dump}");
        var loaded = lab["replica2"].Sql.Executed;
        Assert.True(loaded.Take(3).SequenceEqual(["STOP SLAVE", "RESET SLAVE ALL", "SET SESSION sql_log_bin=0"]) && loaded.Contains("CREATE DATABASE shop"),
            $"executed on replica2: {string.Join(" | ", loaded)}");
        Assert.True(result.Steps[0].Detail!.Contains("from a consistent copy of labcheck, shop") && result.Steps[0].Detail!.EndsWith("at 0-111-12"),
            $"detail: {result.Steps[0].Detail}");
    }

    [Fact]
    public async Task Given_a_replica_When_promoted_Then_it_forgets_its_source_and_accepts_writes()
    {
        var lab = new ScenarioHarness("replication");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: promote
                do: [ { promote: replica1 } ]
                expect: [ { query: { on: replica1, run: "SELECT @@global.read_only", equals: "0" } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.True(!lab["replica1"].Sql.Replica.Configured, $"replica1 still replicates from {lab["replica1"].Sql.Replica["Master_Host"]}");
        Assert.True(result.Steps[0].Detail!.EndsWith("read_only OFF)", StringComparison.Ordinal), $"detail: {result.Steps[0].Detail}");
    }

    [Fact]
    public async Task Given_replicas_that_received_different_amounts_When_the_most_advanced_is_promoted_Then_it_applies_its_relay_log_first_and_the_other_follows_it()
    {
        var lab = new ScenarioHarness("failover");
        var (replica1, replica2) = (lab["replica1"], lab["replica2"]);
        // replica1 received the most but its SQL thread is stopped; replica2 stopped receiving earlier.
        replica1.Sql.Replica["Gtid_IO_Pos"] = "0-111-30";
        replica1.Sql.Replica["Slave_SQL_Running"] = "No";
        replica1.Sql.SetVariable("gtid_slave_pos", "0-111-25");
        replica2.Sql.Replica["Gtid_IO_Pos"] = "0-111-20";
        replica2.Sql.Replica["Slave_IO_Running"] = "No";
        replica2.Sql.SetVariable("gtid_slave_pos", "0-111-20");
        // Once its SQL thread runs, replica1 needs 1.2 s of (virtual) time to apply the five transactions it holds.
        replica1.Sql.On("START SLAVE SQL_THREAD", () =>
        {
            lab.Clock.CreateTimer(_ => replica1.Sql.SetVariable("gtid_slave_pos", "0-111-30"), null, TimeSpan.FromSeconds(1.2), Timeout.InfiniteTimeSpan);
            return replica1.Sql.Replica.TryExecute("START SLAVE SQL_THREAD")!;
        });

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: the primary dies
                do: [ { kill: primary } ]
              - title: fail over
                do: [ { promote-most-advanced: [replica1, replica2] } ]
                expect:
                  - replica: { on: replica2, Master_Host: 10.10.10.112, Slave_IO_Running: "Yes", Slave_SQL_Running: "Yes" }
                  - query: { on: replica1, run: "SELECT @@global.read_only", equals: "0" }
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.True(lab.Observer.Notes.Contains("replica1 received 0-111-30, replica2 received 0-111-20: replica1 is the most up to date"),
            $"notes: {string.Join(" | ", lab.Observer.Notes)}");
        Assert.True(result.Steps[1].Detail!.Contains("→ replica1 (applied its relay log up to 0-111-30 in 1.20s), promoted"), $"detail: {result.Steps[1].Detail}");
        Assert.True(!replica1.Sql.Replica.Configured, $"replica1 should no longer be a replica; it replicates from {replica1.Sql.Replica["Master_Host"]}");
    }

    [Fact]
    public async Task Given_a_crashed_cluster_When_bootstrapping_the_most_advanced_Then_the_node_with_the_highest_seqno_bootstraps_and_the_others_join_it()
    {
        var lab = new ScenarioHarness("galera");
        void State(string node, long seqno) => lab[node].Files.Put(GraState.Path,
            new GraState("7a4a1b2c-0000-0000-0000-000000000000", seqno, false).Render(), "0660", "mysql");
        State("db1", -1); // crashed: only InnoDB knows its position
        State("db2", 11);
        State("db3", 10);
        lab["db1"].OnCommand(new Regex("^mariadbd --user=mysql --wsrep-recover"), (_, _) =>
            new CommandResult(0, "[Note] WSREP: Recovered position: 7a4a1b2c-0000-0000-0000-000000000000:12\n", ""));
        var db1WhenOthersStarted = new List<string>();
        foreach (var other in new[] { "db2", "db3" })
            lab[other].OnStart(ServiceCatalog.Galera, _ => db1WhenOthersStarted.Add(lab["db1"].Services.Status(ServiceCatalog.Galera).State.ToString()));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: everything crashes
                do: [ { kill: [db1, db2, db3] } ]
              - title: recover
                do: [ { bootstrap-most-advanced: [db1, db2, db3] } ]
                expect: [ { status: { on: [db1, db2, db3], wsrep_cluster_size: 3, wsrep_local_state_comment: Synced } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.True(result.Steps[1].Detail == "db1 seqno 12 (--wsrep-recover), db2 seqno 11 (grastate.dat), db3 seqno 10 (grastate.dat) → bootstrap db1",
            $"detail: {result.Steps[1].Detail}");
        var grastate = lab["db1"].Files.Writes.Single(w => w.Path == GraState.Path).File;
        Assert.True(GraState.Parse(grastate.Content).SafeToBootstrap && grastate is { Mode: "0660", Owner: "mysql" },
            $"db1's grastate.dat was rewritten as ({grastate.Mode} {grastate.Owner}): {grastate.Content}");
        var db1Starts = lab["db1"].Services.Starts(ServiceCatalog.Galera);
        Assert.True(db1Starts.Count == 1 && db1Starts[0].SequenceEqual(["--wsrep-new-cluster"]),
            $"db1 should start once, with --wsrep-new-cluster; observed: {string.Join(" / ", db1Starts.Select(a => $"[{string.Join(' ', a)}]"))}");
        Assert.True(db1WhenOthersStarted.SequenceEqual(["Running", "Running"]), $"db1's state when db2 and db3 started: {string.Join(", ", db1WhenOthersStarted)}");
    }

    [Fact]
    public async Task Given_a_writer_When_stopped_and_one_acknowledged_row_is_removed_on_one_node_Then_only_that_node_lacks_the_last_acknowledged_id()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Sql.On("SELECT COUNT(*) >= 20 FROM labcheck.writes", () => SqlReply.Value(lab["db1"].Sql.Writes.Ids.Count >= 20 ? "1" : "0"));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: write through HAProxy
                do: [ { workload: { start: client } } ]
                expect: [ { query: { on: db1, run: "SELECT COUNT(*) >= 20 FROM labcheck.writes", equals: "1" } } ]
              - title: stop, then delete one row behind the cluster's back
                do:
                  - workload: stop
                  - remove-acknowledged-write: db2
            """);

        Assert.True(result.Passed, result.Timeline());
        var report = result.Workload!;
        var last = report.Writes.Last().Id;
        Assert.True(report.Ok == report.Writes.Count && report.Ok >= 20, $"writer: {report}");
        Assert.True(result.Steps[2].Detail == report.ToString(), $"stop detail: {result.Steps[2].Detail}; report: {report}");
        Assert.True(result.Steps[3].Detail == $"deleted id {last} on db2 only", $"remove detail: {result.Steps[3].Detail}");
        Assert.True(!lab["db2"].Sql.Writes.Ids.Contains(last) && lab["db1"].Sql.Writes.Ids.Contains(last) && lab["db3"].Sql.Writes.Ids.Contains(last),
            $"id {last} on db1: {lab["db1"].Sql.Writes.Ids.Contains(last)}, db2: {lab["db2"].Sql.Writes.Ids.Contains(last)}, db3: {lab["db3"].Sql.Writes.Ids.Contains(last)}");
        var inserts = lab["client"].Commands.Count(c => c.Stdin is { } s && AnyInsert.IsMatch(s));
        Assert.True(inserts == report.Writes.Count, $"the client sent {inserts} INSERTs, the report has {report.Writes.Count} writes");
    }

    [Fact]
    public async Task Given_a_scenario_that_fails_while_the_writer_runs_Then_its_result_still_has_what_the_client_saw()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: write, then a step that fails
                do:
                  - workload: { start: client }
                  - sql: { on: db1, run: "SELECT 1", error: 1047 }
            """);

        Assert.False(result.Passed, result.Timeline());
        Assert.True(result.Workload is not null, $"the writer's report was dropped: {result.Timeline()}");
    }

    [Fact]
    public async Task Given_writer_misuse_When_started_twice_stopped_unstarted_or_a_row_removed_before_stopping_Then_each_fails_saying_why()
    {
        var lab = new ScenarioHarness("galera");
        async Task<string?> Error(string actions) => (await lab.RunAsync($"name: t\nstages:\n  - title: misuse\n    do: {actions}\n")).Error;

        var twice = await Error("[ { workload: { start: client } }, { workload: { start: client } } ]");
        var stopUnstarted = await Error("[ { workload: stop } ]");
        var removeEarly = await Error("[ { workload: { start: client } }, { remove-acknowledged-write: db1 } ]");

        Assert.True(twice == "a writer is already running", $"started twice: {twice}");
        Assert.True(stopUnstarted == "no writer is running", $"stopped unstarted: {stopUnstarted}");
        Assert.True(removeEarly == "no finished writer: add `workload: stop` first", $"removed before stopping: {removeEarly}");
    }

    [Fact]
    public async Task Given_a_scenario_failing_while_the_writer_runs_When_it_ends_Then_the_writer_has_been_stopped()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: write, then fail
                do:
                  - workload: { start: client }
                  - sql: { on: db1, run: "SELECT 1", error: 1047 }
            """);
        var sentByTheEnd = lab["client"].Commands.Count;
        lab.Clock.Advance(TimeSpan.FromSeconds(5));
        await Task.Yield();

        Assert.True(!result.Passed, $"the scenario should fail: {result.Timeline()}");
        Assert.True(lab["client"].Commands.Count == sentByTheEnd && lab.Clock.ArmedTimers == 0,
            $"after the run the client sent {lab["client"].Commands.Count - sentByTheEnd} more command(s); {lab.Clock.ArmedTimers} timer(s) still armed");
    }
    [Fact]
    public async Task Given_HAProxy_dies_once_the_writer_set_up_When_the_writer_runs_Then_every_write_is_a_definite_failure_paced_by_the_refusals()
    {
        var lab = new ScenarioHarness("galera");
        lab["client"].OnCommandDone((c, _) =>
        {
            if (c.Stdin?.Contains("CREATE TABLE labcheck.writes") == true) lab["haproxy"].Services.Set(ServiceCatalog.HaProxy, ServiceState.Stopped);
        });
        lab["db1"].Sql.SetStatus("wsrep_local_state_comment", "Donor/Desynced");
        lab.Clock.CreateTimer(_ => lab["db1"].Sql.SetStatus("wsrep_local_state_comment", "Synced"), null, TimeSpan.FromSeconds(0.5), Timeout.InfiniteTimeSpan);

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: write while nothing routes
                do: [ { workload: { start: client } } ]
                expect: [ { status: { on: db1, wsrep_local_state_comment: Synced } } ]
              - title: stop
                do: [ { workload: stop } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        var report = result.Workload!;
        Assert.True(report.Ok == 0 && report.Unknown == 0 && report.Writes.All(w => w.Error == "ERROR 2003: Can't connect to server on '10.10.10.41' (115)"),
            $"writer: {report}; first error: {report.Writes.FirstOrDefault()?.Error}");
        // One refusal per virtual millisecond for the half second the stage waited (give or take the writer's start).
        Assert.True(report.Writes.Count is > 400 and <= 502, $"expected about 500 refused writes in 0.5 s of virtual time, observed {report.Writes.Count}");
    }
}
