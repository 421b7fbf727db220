using System.Diagnostics;
using Lab.Core.Galera;
using Lab.Core.Scenarios;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// Named SQL sessions on a real Galera cluster: a transaction held open on one node while another commits, a statement
/// sent now and reaped later, and a scenario that fails while a session holds a global read lock.
/// </summary>
[Collection(GaleraLabCollection.Name)]
public sealed class SessionScenarioTests(GaleraLabFixture lab)
{
    private async Task<ScenarioResult> RunAsync(string file, string yaml)
    {
        await new HealthRestorer(lab.Instance, Until.Real, _ => { }).RestoreAsync(CancellationToken.None);
        var scenario = new ScenarioLoader(lab.Lab).Parse(file, yaml);
        return await new ScenarioRunner(lab.Instance, SilentObserver.Instance, TimeProvider.System).RunAsync(scenario, CancellationToken.None);
    }

    private static string Timeline(ScenarioResult r) =>
        string.Join("\n", r.Steps.Select(s => $"{(s.Passed ? "ok" : "FAIL")} {s.Description} → {s.Detail}")) + $"\nerror: {r.Error}";

    private async Task<string?> ScalarAsync(string host, string sql) =>
        (await lab.Instance.Host(host).QueryAsync(sql, timeout: TimeSpan.FromSeconds(10))).Scalar;

    [Fact]
    public async Task Given_the_same_row_changed_on_two_nodes_Then_the_first_committer_wins_and_the_later_commit_gets_a_deadlock()
    {
        var result = await RunAsync("fcw.yaml", """
            name: first-committer-wins
            stages:
              - title: a row
                do: [ { sql: { on: db1, run: "CREATE DATABASE IF NOT EXISTS sessions; CREATE OR REPLACE TABLE sessions.fcw (id INT PRIMARY KEY, v INT); INSERT INTO sessions.fcw VALUES (1, 1)" } } ]
                expect: [ { query: { on: db2, run: "SELECT v FROM sessions.fcw WHERE id = 1", equals: "1" } } ]
              - title: db1 changes it in an open transaction
                do:
                  - session: { name: s1, on: db1, run: "START TRANSACTION; UPDATE sessions.fcw SET v = v + 1 WHERE id = 1" }
                  - session: { name: s1, run: "SELECT v FROM sessions.fcw WHERE id = 1", equals: "2" }
              - title: db2 changes it too and commits first
                do:
                  - session: { name: s2, on: db2, run: "START TRANSACTION; UPDATE sessions.fcw SET v = v + 10 WHERE id = 1; COMMIT" }
              - title: db1's commit loses certification
                do:
                  - session: { name: s1, run: COMMIT, error: 1213 }
                  - session: { name: s1, run: "SELECT v FROM sessions.fcw WHERE id = 1", equals: "11" }
            """);

        Assert.True(result.Passed, Timeline(result));
        Assert.Contains(result.Steps, s => s.Description == "db1 [s1]: COMMIT (expect ERROR 1213)" && s.Detail!.StartsWith("ERROR 1213: Deadlock found"));
        foreach (var node in new[] { "db1", "db2", "db3" })
            Assert.Equal("11", await ScalarAsync(node, "SELECT v FROM sessions.fcw WHERE id = 1"));
        // Both sessions were ended by the clean-up, which comes after the last stage.
        Assert.Equal(2, result.Steps.Count(s => s.StageTitle == ScenarioRunner.CleanUpTitle && s.Passed && s.Description.StartsWith("end session")));
    }

    [Fact]
    public async Task Given_an_update_sent_behind_a_row_lock_Then_it_waits_and_its_reap_succeeds_after_the_holder_commits()
    {
        var result = await RunAsync("send-reap.yaml", """
            name: send-reap
            stages:
              - title: a row
                do: [ { sql: { on: db1, run: "CREATE DATABASE IF NOT EXISTS sessions; CREATE OR REPLACE TABLE sessions.wait (id INT PRIMARY KEY, v INT); INSERT INTO sessions.wait VALUES (1, 1)" } } ]
              - title: s1 holds the row, s2 sends an update of it
                do:
                  - session: { name: s1, on: db1, run: "START TRANSACTION; UPDATE sessions.wait SET v = 100 WHERE id = 1" }
                  - session: { name: s2, on: db1, send: "UPDATE sessions.wait SET v = v + 1 WHERE id = 1" }
                expect:
                  - query: { on: db1, run: "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'", equals: "1" }
                    within: 10s
              - title: s1 commits, s2's update goes through
                do:
                  - session: { name: s1, run: COMMIT }
                  - session: { name: s2, reap: true, timeout: 10s }
                  - session: { name: s2, run: "SELECT v FROM sessions.wait WHERE id = 1", equals: "101" }
            """);

        Assert.True(result.Passed, Timeline(result));
        var reap = Assert.Single(result.Steps, s => s.Description == "db1 [s2]: reap what was sent");
        Assert.StartsWith("finished ", reap.Detail);
        Assert.Equal("101", await ScalarAsync("db3", "SELECT v FROM sessions.wait WHERE id = 1"));
    }

    [Fact]
    public async Task Given_a_scenario_failing_while_a_session_holds_a_global_read_lock_Then_the_node_is_writable_again_at_once()
    {
        var result = await RunAsync("ftwrl.yaml", """
            name: fails-holding-a-lock
            stages:
              - title: a table
                do: [ { sql: { on: db1, run: "CREATE DATABASE IF NOT EXISTS sessions; CREATE OR REPLACE TABLE sessions.locked (id INT PRIMARY KEY)" } } ]
                expect: [ { query: { on: db2, run: "SHOW TABLES FROM sessions LIKE 'locked'", rows: 1 } } ]
              - title: db2 locked, a write waiting behind the lock
                do:
                  - session: { name: lock, on: db2, run: "FLUSH TABLES WITH READ LOCK" }
                  - session: { name: writer, on: db2, send: "INSERT INTO sessions.locked VALUES (1)" }
                expect:
                  - status: { on: db2, wsrep_local_state_comment: Donor/Desynced }
              - title: a mistake while it is held
                do:
                  - session: { name: lock, run: "SELECT no_such_column" }
                  - session: { name: writer, reap: true }
            """);

        Assert.False(result.Passed, Timeline(result));
        Assert.True(result.Error!.Contains("ftwrl.yaml:14: db2 [lock]: failed: ERROR 1054: Unknown column 'no_such_column'"), Timeline(result));
        var cleanUp = result.Steps.Where(s => s.StageTitle == ScenarioRunner.CleanUpTitle).ToList();
        Assert.Equal(2, cleanUp.Count);
        Assert.All(cleanUp, s => Assert.True(s.Passed, Timeline(result)));

        var clock = Stopwatch.StartNew();
        var db2 = lab.Instance.Host("db2");
        var write = await db2.QueryAsync("INSERT INTO sessions.locked VALUES (2)", timeout: TimeSpan.FromSeconds(5));
        Assert.True(write.Ok, $"db2 refused a write after the clean-up: {write}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the write took {clock.Elapsed.TotalSeconds:0.0}s");
        Assert.Equal("Synced", (await db2.StatusAsync(["wsrep_local_state_comment"]))["wsrep_local_state_comment"]);
        // The write that waited behind the lock was ended with its session, not left to run later.
        Assert.Equal("0", await ScalarAsync("db2", "SELECT COUNT(*) FROM sessions.locked WHERE id = 1"));
        Assert.Equal("0", await ScalarAsync("db2", "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'INSERT INTO sessions.locked%' OR INFO LIKE 'FLUSH TABLES%'"));
    }

    [Fact]
    public async Task Given_a_statement_slower_than_its_timeout_Then_the_step_fails_saying_so_and_clean_up_ends_its_connection()
    {
        var result = await RunAsync("slow.yaml", """
            name: too-slow
            stages:
              - title: a statement that outlasts its timeout
                do:
                  - session: { name: slow, on: db3, run: "SELECT SLEEP(60) AS hs_slow_session", timeout: 1s }
            """);

        Assert.False(result.Passed);
        Assert.True(result.Error!.Contains("slow.yaml:5: db3 [slow]: no answer within 1s (the statement still runs; clean-up ends the session)"), Timeline(result));
        var end = Assert.Single(result.Steps, s => s.StageTitle == ScenarioRunner.CleanUpTitle);
        Assert.True(end.Passed && end.Duration < TimeSpan.FromSeconds(10), Timeline(result));
        Assert.Equal("0", await ScalarAsync("db3", "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '%hs_slow_session%' AND ID <> CONNECTION_ID()"));
    }
}
