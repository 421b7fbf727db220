using System.Diagnostics;
using System.Text.RegularExpressions;
using Lab.Core.Services;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>
/// Every expectation kind, polled by the real ScenarioRunner against fake hosts, passing and failing. A failure must
/// say where (file:line), on which host, what was expected and what was seen last.
/// </summary>
public sealed class ScenarioExpectationTests
{
    /// <summary>A one-stage scenario whose first expectation is on line 5.</summary>
    private static string Expect(string expectations) =>
        "name: t\nstages:\n  - title: check\n    expect:\n" + string.Join("\n", expectations.Split('\n').Select(l => "      " + l)) + "\n";

    private static string At(int line) => $"{Path.GetFullPath(ScenarioHarness.File)}:{line}: ";

    [Fact]
    public async Task Given_a_synced_cluster_When_status_is_expected_Then_it_holds_at_the_first_poll()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync(Expect("- status: { on: [db1, db2, db3], wsrep_cluster_size: 3, wsrep_cluster_status: Primary, wsrep_ready: \"ON\" }"));

        Assert.True(result.Passed, result.Timeline());
        Assert.True(result.Steps[0].Duration == TimeSpan.Zero, $"expected no waiting, observed {result.Steps[0].Duration}");
        Assert.True(result.Steps[0].Detail == "db1: wsrep_cluster_size=3 wsrep_cluster_status=Primary wsrep_ready=ON; db2: wsrep_cluster_size=3 wsrep_cluster_status=Primary wsrep_ready=ON; db3: wsrep_cluster_size=3 wsrep_cluster_status=Primary wsrep_ready=ON",
            $"detail: {result.Steps[0].Detail}");
    }

    [Fact]
    public async Task Given_one_node_stays_non_Primary_When_status_is_expected_Then_it_fails_after_within_naming_file_line_host_expected_seen_and_its_log()
    {
        var lab = new ScenarioHarness("galera");
        lab["db3"].Sql.SetStatus("wsrep_cluster_status", "non-Primary");
        lab["db3"].Log("[Note] WSREP: view((empty))");
        lab["db3"].Log("[Warning] WSREP: last inactive check more than PT1.5S ago");

        var result = await lab.RunAsync(Expect("- status: { on: [db2, db3], wsrep_cluster_status: Primary }\n  within: 2s"));

        Assert.True(result.Error == At(5) + "expected db2, db3: wsrep_cluster_status=Primary within 2s; " +
                    "last observed: db2: wsrep_cluster_status=Primary; db3: wsrep_cluster_status=non-Primary" +
                    "\n  --- db3:/var/log/mysql/error.log (last lines) ---\n  [Note] WSREP: view((empty))\n  [Warning] WSREP: last inactive check more than PT1.5S ago",
            $"error was: {result.Error}");
        Assert.True(result.Steps[0].Duration == TimeSpan.FromSeconds(2), $"expected to poll for the whole 2 s of virtual time, observed {result.Steps[0].Duration}");
    }

    [Fact]
    public async Task Given_a_node_that_comes_back_after_2_25s_When_status_is_polled_Then_it_passes_at_the_next_poll_without_real_waiting()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Sql.SetStatus("wsrep_local_state_comment", "Joining: receiving State Transfer");
        lab.Clock.CreateTimer(_ => lab["db1"].Sql.SetStatus("wsrep_local_state_comment", "Synced"), null, TimeSpan.FromSeconds(2.25), Timeout.InfiniteTimeSpan);
        var real = Stopwatch.StartNew();

        var result = await lab.RunAsync(Expect("- status: { on: db1, wsrep_local_state_comment: Synced }\n  within: 30s"));

        real.Stop();
        Assert.True(result.Passed, result.Timeline());
        Assert.True(result.Steps[0].Duration == TimeSpan.FromSeconds(2.3), $"expected the poll at 2.3 s (100 ms interval) to see it, observed {result.Steps[0].Duration}");
        var polls = lab["db1"].Sql.Executed.Count(s => s.StartsWith("SHOW GLOBAL STATUS", StringComparison.Ordinal));
        Assert.True(polls == 24, $"expected 24 polls (0 s to 2.3 s), observed {polls}");
        Assert.True(real.Elapsed < TimeSpan.FromSeconds(2), $"2.3 s of virtual waiting took {real.Elapsed.TotalMilliseconds:0} ms of real time");
    }

    [Fact]
    public async Task Given_queries_When_rows_value_and_error_are_expected_Then_each_holds()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Sql.On("SHOW DATABASES LIKE 'lab1'", SqlReply.Row("lab1"));
        lab["db2"].Sql.On("SHOW DATABASES LIKE 'lab1'", SqlReply.Row("lab1"));
        lab["db3"].Sql.On("SELECT * FROM lab1.t", SqlReply.Error(1047, "WSREP has not yet prepared node for application use"));

        var result = await lab.RunAsync(Expect("""
            - query: { on: [db1, db2], run: "SHOW DATABASES LIKE 'lab1'", rows: 1 }
            - query: { on: client, run: "SELECT @@hostname", equals: db1 }
            - query: { on: db3, run: "SELECT * FROM lab1.t", error: 1047 }
            """));

        Assert.True(result.Passed && result.Steps.Count == 3, result.Timeline());
    }

    [Theory]
    [InlineData("- query: { on: db1, run: \"SHOW DATABASES LIKE 'lab1'\", rows: 1 }", "db1: 0 row(s)")]
    [InlineData("- query: { on: client, run: \"SELECT @@hostname\", equals: db2 }", "client: 1 row(s), first: db1")]
    [InlineData("- query: { on: db3, run: \"SELECT 1\", error: 1047 }", "db3: 1 row(s), first: 1")]
    [InlineData("- query: { on: db2, run: \"SELECT @@no_such_thing\", rows: 1 }", "db2: ERROR 1193: Unknown system variable 'no_such_thing'")]
    public async Task Given_a_query_answering_otherwise_When_expected_Then_it_fails_with_the_last_answer(string expectation, string observed)
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync(Expect(expectation + "\n  within: 1s"));

        Assert.True(result.Error?.StartsWith(At(5) + "expected ", StringComparison.Ordinal) == true && result.Error.EndsWith($"within 1s; last observed: {observed}", StringComparison.Ordinal),
            $"error was: {result.Error}");
    }

    private const string RejoinScenario = """
        name: t
        stages:
          - title: db1 rejoins
            do: [ { mark: db1 }, { start: db1 } ]
            expect:
              - log: { on: db1, contains: ["IST received", "IST completed on joiner"], lacks: "SST completed on joiner" }
                within: 1s
        """;

    /// <summary>db1 is down, its log holds an earlier full transfer; started again, it logs an incremental one.</summary>
    private static ScenarioHarness Rejoining(params string[] logsOnStart)
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Services.Set(ServiceCatalog.Galera, Lab.Core.Hosts.ServiceState.Stopped);
        lab["db1"].Log("WSREP_SST: [INFO] SST completed on joiner (20240101 00:00:00.000)");
        lab["db1"].OnStart(ServiceCatalog.Galera, _ => { foreach (var line in logsOnStart) lab["db1"].Log(line); });
        return lab;
    }

    [Fact]
    public async Task Given_a_rejoin_by_IST_after_a_mark_When_the_log_is_expected_Then_only_text_after_the_mark_counts()
    {
        var lab = Rejoining("[Note] WSREP: IST received: 7a4a1b2c-0000-0000-0000-000000000000:12", "WSREP_SST: [INFO] IST completed on joiner");

        var result = await lab.RunAsync(RejoinScenario);

        Assert.True(result.Passed, $"the SST line before the mark must not count: {result.Timeline()}");
    }

    [Fact]
    public async Task Given_a_rejoin_by_SST_When_the_log_is_expected_to_show_IST_Then_it_fails_naming_what_is_missing_and_what_was_found()
    {
        var lab = Rejoining("WSREP_SST: [INFO] SST completed on joiner (20240101 00:05:00.000)");

        var result = await lab.RunAsync(RejoinScenario);

        Assert.True(result.Error?.StartsWith(At(6) + "expected db1 log since mark: has \"IST received\", has \"IST completed on joiner\", no \"SST completed on joiner\" within 1s; " +
                                             "last observed: no \"IST received\" yet; no \"IST completed on joiner\" yet; found \"SST completed on joiner\"", StringComparison.Ordinal) == true,
            $"error was: {result.Error}");
    }

    [Fact]
    public async Task Given_files_When_their_content_is_expected_Then_present_text_passes_and_absent_text_or_file_fails_showing_the_file()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Files.Put("/var/lib/mysql/grastate.dat", "# GALERA saved state\nseqno:   -1\nsafe_to_bootstrap: 0\n");

        var present = await lab.RunAsync(Expect("- file: { on: db1, path: /var/lib/mysql/grastate.dat, contains: [\"seqno:   -1\", \"safe_to_bootstrap: 0\"] }"));
        var wrongText = await lab.RunAsync(Expect("- file: { on: db1, path: /var/lib/mysql/grastate.dat, contains: \"safe_to_bootstrap: 1\" }\n  within: 1s"));
        var noFile = await lab.RunAsync(Expect("- file: { on: db2, path: /var/lib/mysql/grastate.dat, contains: seqno }\n  within: 1s"));

        Assert.True(present.Passed, present.Timeline());
        Assert.True(wrongText.Error == At(5) + "expected db1:/var/lib/mysql/grastate.dat contains \"safe_to_bootstrap: 1\" within 1s; " +
                    "last observed: # GALERA saved state | seqno:   -1 | safe_to_bootstrap: 0", $"error was: {wrongText.Error}");
        Assert.True(noFile.Error == At(5) + "expected db2:/var/lib/mysql/grastate.dat contains \"seqno\" within 1s; last observed: /var/lib/mysql/grastate.dat does not exist",
            $"error was: {noFile.Error}");
    }

    [Fact]
    public async Task Given_services_When_their_state_is_expected_Then_the_right_state_passes_and_another_fails_showing_the_state_and_pid()
    {
        var lab = new ScenarioHarness("galera");
        var pid = lab["db1"].Services.Status(ServiceCatalog.Galera).Pid;

        var running = await lab.RunAsync(Expect("- service: { on: [db1, db2], state: running }"));
        var stopped = await lab.RunAsync(Expect("- service: { on: db1, state: stopped }\n  within: 1s"));

        Assert.True(running.Passed, running.Timeline());
        Assert.True(stopped.Error == At(5) + $"expected db1: service stopped within 1s; last observed: db1: running (pid {pid})", $"error was: {stopped.Error}");
    }

    [Fact]
    public async Task Given_HAProxy_backends_When_UP_and_DOWN_are_expected_Then_checked_states_pass_and_an_unchecked_server_is_not_UP()
    {
        var lab = new ScenarioHarness("galera");
        lab["haproxy"].Haproxy.Down("db2");
        lab["haproxy"].Haproxy.Initializing("db3");

        var result = await lab.RunAsync(Expect("""
            - backend: { on: haproxy, server: db1, status: UP }
            - backend: { on: haproxy, server: db2, status: DOWN }
            - backend: { on: haproxy, server: [db1, db3], status: UP }
              within: 1s
            """));

        Assert.True(result.Steps.Count(s => s.Passed) == 2, $"the first two backend checks should pass: {result.Timeline()}");
        Assert.True(result.Error == At(7) + "expected haproxy: backend db1, db3 UP within 1s; last observed: db1 UP (L7OK), db3 UP 1/2 (INI)", $"error was: {result.Error}");
    }

    [Fact]
    public async Task Given_replicas_When_SHOW_SLAVE_STATUS_columns_are_expected_Then_matching_ones_pass_a_broken_one_and_a_non_replica_fail()
    {
        var lab = new ScenarioHarness("replication");
        lab["replica2"].Sql.Replica["Slave_IO_Running"] = "No";
        lab["replica2"].Sql.Replica["Last_IO_Errno"] = "1045";
        lab["replica2"].Sql.Replica["Last_IO_Error"] = "error connecting to master 'repl@10.10.10.111:3306' - retry-time: 1  maximum-retries: 100000  message: Access denied";

        var healthy = await lab.RunAsync(Expect("- replica: { on: replica1, Slave_IO_Running: \"Yes\", Slave_SQL_Running: \"Yes\", Last_IO_Errno: \"0\" }"));
        var broken = await lab.RunAsync(Expect("- replica: { on: replica2, Slave_IO_Running: \"Yes\" }\n  within: 1s"));
        var notReplica = await lab.RunAsync(Expect("- replica: { on: primary, Slave_IO_Running: \"Yes\" }\n  within: 1s"));

        Assert.True(healthy.Passed, healthy.Timeline());
        Assert.True(broken.Error?.StartsWith(At(5) + "expected replica2 SHOW SLAVE STATUS: Slave_IO_Running=Yes within 1s; last observed: replica2: Slave_IO_Running=No (IO No, SQL Yes", StringComparison.Ordinal) == true
                    && broken.Error.EndsWith("Last_IO_Error 1045: error connecting to master 'repl@10.10.10.111:3306' - retry-time: 1  maximum-retries: 100000  message: Access denied)", StringComparison.Ordinal),
            $"error was: {broken.Error}");
        Assert.True(notReplica.Error?.EndsWith("last observed: primary: SHOW SLAVE STATUS is empty: not a replica", StringComparison.Ordinal) == true, $"error was: {notReplica.Error}");
    }

    [Fact]
    public async Task Given_a_replica_30_transactions_behind_When_lag_bounds_are_expected_Then_min_20_passes_and_max_5_fails_showing_both_positions()
    {
        var lab = new ScenarioHarness("replication");
        lab["primary"].Sql.SetVariable("gtid_binlog_pos", "0-111-50");
        lab["replica2"].Sql.SetVariable("gtid_current_pos", "0-111-20");
        lab["replica2"].Sql.Replica["Gtid_IO_Pos"] = "0-111-20";

        var behind = await lab.RunAsync(Expect("- lag: { on: replica2, behind: primary, min: 20 }"));
        var caughtUp = await lab.RunAsync(Expect("- lag: { on: replica2, behind: primary, max: 5 }\n  within: 1s"));

        Assert.True(behind.Passed, behind.Timeline());
        Assert.True(caughtUp.Error == At(5) + "expected replica2 behind primary by <= 5 transactions (GTID) within 1s; last observed: replica2 is 30 transaction(s) behind primary " +
                    "(applied 0-111-20, primary at 0-111-50); Seconds_Behind_Master 0, received 0-111-20, relay log 256 bytes", $"error was: {caughtUp.Error}");
    }

    [Fact]
    public async Task Given_the_virtual_IP_When_its_holder_is_expected_Then_one_holder_passes_and_none_or_two_fail_naming_them()
    {
        var lab = new ScenarioHarness("failover");

        var onPrimary = await lab.RunAsync(Expect("- vip: { on: primary }"));
        lab["replica1"].AddAddress("10.10.10.110");
        var twoHolders = await lab.RunAsync(Expect("- vip: { on: [primary, replica1] }\n  within: 1s"));
        lab["primary"].RemoveAddress("10.10.10.110");
        lab["replica1"].RemoveAddress("10.10.10.110");
        var nobody = await lab.RunAsync(Expect("- vip: { on: replica1 }\n  within: 1s"));

        Assert.True(onPrimary.Passed, onPrimary.Timeline());
        Assert.True(twoHolders.Error == At(5) + "expected virtual IP on exactly one of primary, replica1 within 1s; last observed: 10.10.10.110 on primary, replica1",
            $"error was: {twoHolders.Error}");
        Assert.True(nobody.Error == At(5) + "expected virtual IP on replica1 (and nowhere else) within 1s; last observed: nobody holds 10.10.10.110", $"error was: {nobody.Error}");
    }

    [Fact]
    public async Task Given_a_scenario_file_with_a_failing_expectation_When_run_with_a_30s_within_Then_the_wait_is_virtual()
    {
        var lab = new ScenarioHarness("galera");
        lab["db2"].Sql.SetStatus("wsrep_cluster_size", "2");
        var real = Stopwatch.StartNew();

        var result = await lab.RunAsync(Expect("- status: { on: db2, wsrep_cluster_size: 3 }\n  within: 30s"));

        real.Stop();
        Assert.True(!result.Passed && result.Duration == TimeSpan.FromSeconds(30), $"expected a failure after 30 s of virtual time, observed {result.Duration}: {result.Error}");
        Assert.True(real.Elapsed < TimeSpan.FromSeconds(5), $"30 s of virtual polling (300 polls) took {real.Elapsed.TotalMilliseconds:0} ms of real time");
    }

    private static readonly Regex Insert5 = new(@"^INSERT INTO labcheck\.writes \(id\) VALUES \(5\)$");

    private const string WriteThenCheck = """
        name: t
        stages:
          - title: write
            do: [ { workload: { start: client } } ]
            expect: [ { query: { on: db1, run: "SELECT COUNT(*) >= 20 FROM labcheck.writes", equals: "1" } } ]
          - title: check
            do: [ { workload: stop } ]
            expect:
              - workload: { lost: 0, min_ok: 10 }
                within: 1s
        """;

    /// <summary>The galera lab with db1 answering how far the writer got.</summary>
    private static ScenarioHarness Writing()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Sql.On("SELECT COUNT(*) >= 20 FROM labcheck.writes", () => SqlReply.Value(lab["db1"].Sql.Writes.Ids.Count >= 20 ? "1" : "0"));
        return lab;
    }

    [Fact]
    public async Task Given_every_write_replicated_When_the_workload_is_expected_to_lose_nothing_Then_it_passes_having_checked_every_node()
    {
        var lab = Writing();

        var result = await lab.RunAsync(WriteThenCheck);

        Assert.True(result.Passed, result.Timeline());
        var detail = result.Steps.Last().Detail!;
        Assert.True(new[] { "db1", "db2", "db3" }.All(n => detail.Contains($"{n}: {result.Workload!.Ok} rows, none lost")), $"detail: {detail}");
    }

    [Fact]
    public async Task Given_an_acknowledged_row_removed_on_one_node_When_one_loss_is_expected_Then_it_passes_and_when_none_is_Then_it_fails_naming_node_and_id()
    {
        var expectOne = Writing();
        var expectNone = Writing();
        var yaml = WriteThenCheck.Replace("do: [ { workload: stop } ]", "do: [ { workload: stop }, { remove-acknowledged-write: db2 } ]");

        var one = await expectOne.RunAsync(yaml.Replace("lost: 0", "lost: 1"));
        var none = await expectNone.RunAsync(yaml);

        Assert.True(one.Passed, one.Timeline());
        var removed = none.Workload!.Writes.Last().Id;
        Assert.True(none.Error?.StartsWith(At(9) + "expected every acknowledged write on every node, at least 10 acknowledged within 1s; last observed: ", StringComparison.Ordinal) == true
                    && none.Error.Contains($"db2: {none.Workload.Ok - 1} rows, LOST 1 (ids {removed})") && none.Error.Contains($"db1: {none.Workload.Ok} rows, none lost"),
            $"error was: {none.Error}");
    }

    [Fact]
    public async Task Given_a_write_the_client_was_told_failed_but_that_was_applied_When_the_workload_is_checked_Then_it_fails_naming_the_id()
    {
        var lab = Writing();
        // db1 applies id 5 and replicates it, then tells the client the node was not ready: a lie the check must catch.
        lab["db1"].Sql.On(Insert5, _ =>
        {
            lab["db1"].Sql.Writes.InsertReplicated(5);
            return SqlReply.Error(1047, "WSREP has not yet prepared node for application use");
        });

        var result = await lab.RunAsync(WriteThenCheck);

        Assert.True(result.Workload is { Failed: 1 } report && report.Writes.Single(w => w.Id == 5).Outcome == Lab.Core.Workload.WriteOutcome.Failed,
            $"writer: {result.Workload}");
        Assert.True(result.Error?.Contains("db1: ") == true && result.Error.Contains("none lost, 1 told FAILED yet present (ids 5)"), $"error was: {result.Error}");
    }

    [Fact]
    public async Task Given_three_writes_left_in_doubt_for_a_second_each_When_the_interruption_is_bounded_by_2s_Then_it_fails_with_the_measured_gap()
    {
        var lab = Writing();
        // Ids 10 to 12 hang for a second each and end with the connection lost: unknown outcomes, no acknowledgement.
        lab["db1"].Sql.Delay(new Regex(@"^INSERT INTO labcheck\.writes \(id\) VALUES \(1[0-2]\)$"), TimeSpan.FromSeconds(1));
        lab["db1"].Sql.On(new Regex(@"^INSERT INTO labcheck\.writes \(id\) VALUES \(1[0-2]\)$"), _ => SqlReply.Error(2013, "Lost connection to server during query"));

        var result = await lab.RunAsync(WriteThenCheck.Replace("lost: 0, min_ok: 10", "lost: 0, min_ok: 10, max_interruption: 2s"));

        Assert.True(result.Workload is { Unknown: 3 }, $"writer: {result.Workload}");
        Assert.True(result.Error?.Contains("3 unknown; longest interruption 3.04s") == true, $"error was: {result.Error}");
    }

    [Fact]
    public async Task Given_fewer_acknowledged_writes_than_min_ok_When_checked_Then_it_fails_showing_the_count()
    {
        var lab = Writing();

        var result = await lab.RunAsync(WriteThenCheck.Replace("min_ok: 10", "min_ok: 1000"));

        Assert.True(result.Error?.Contains($"last observed: {result.Workload!.Writes.Count} writes: {result.Workload.Ok} ok, 0 failed") == true
                    && result.Error.Contains("at least 1000 acknowledged"), $"error was: {result.Error}");
    }

    [Fact]
    public async Task Given_no_finished_writer_When_the_workload_is_expected_Then_it_fails_saying_to_stop_the_writer_first()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync(Expect("- workload: { lost: 0 }\n  within: 1s"));

        Assert.True(result.Error?.EndsWith("last observed: no finished writer to check: add `workload: stop` before this expectation", StringComparison.Ordinal) == true,
            $"error was: {result.Error}");
    }
}
