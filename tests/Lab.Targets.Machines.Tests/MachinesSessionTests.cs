using Lab.Core.Scenarios;
using Lab.Core.Sql;

namespace Lab.Targets.Machines.Tests;

/// <summary>
/// Named SQL sessions over SSH: each session is a `mariadb` client kept running on a systemd machine through one ssh
/// channel, and its clean-up (closing the client's input, killing a busy connection on the server) works through it.
/// </summary>
public sealed class MachinesSessionTests(MachinesConformanceFixture fixture) : IClassFixture<MachinesConformanceFixture>
{
    [Fact]
    public async Task Given_sessions_on_machines_Then_the_later_committer_gets_1213_and_a_failure_holding_FTWRL_leaves_db2_writable()
    {
        var (lab, _, _) = await fixture.PrepareAsync("galera", _ => { }, CancellationToken.None);
        var scenario = new ScenarioLoader(lab.Lab).Parse("ssh-sessions.yaml", """
            name: ssh-sessions
            stages:
              - title: a row
                do: [ { sql: { on: db1, run: "CREATE DATABASE IF NOT EXISTS sessions; CREATE OR REPLACE TABLE sessions.t (id INT PRIMARY KEY, v INT); INSERT INTO sessions.t VALUES (1, 1)" } } ]
                expect: [ { query: { on: db2, run: "SELECT v FROM sessions.t WHERE id = 1", equals: "1" } } ]
              - title: first committer wins
                do:
                  - session: { name: s1, on: db1, run: "START TRANSACTION; UPDATE sessions.t SET v = v + 1 WHERE id = 1" }
                  - session: { name: s2, on: db2, run: "UPDATE sessions.t SET v = v + 10 WHERE id = 1" }
                  - session: { name: s1, run: COMMIT, error: 1213 }
              - title: db2 locked, a write sent behind the lock, then a mistake
                do:
                  - session: { name: lock, on: db2, run: "FLUSH TABLES WITH READ LOCK" }
                  - session: { name: writer, on: db2, send: "INSERT INTO sessions.t VALUES (2, 2)" }
                  - session: { name: lock, run: "SELECT no_such_column" }
                  - session: { name: writer, reap: true }
            """);

        var result = await new ScenarioRunner(lab, SilentObserver.Instance, TimeProvider.System).RunAsync(scenario, CancellationToken.None);

        var timeline = string.Join("\n", result.Steps.Select(s => $"{(s.Passed ? "ok" : "FAIL")} {s.Description} → {s.Detail}"));
        Assert.True(result.Error?.Contains("ssh-sessions.yaml:15: db2 [lock]: failed: ERROR 1054") == true, timeline + "\n" + result.Error);
        Assert.Contains(result.Steps, s => s.Passed && s.Description == "db1 [s1]: COMMIT (expect ERROR 1213)");
        var cleanUp = result.Steps.Where(s => s.StageTitle == ScenarioRunner.CleanUpTitle).ToList();
        Assert.Equal(4, cleanUp.Count);
        Assert.All(cleanUp, s => Assert.True(s.Passed, timeline));
        var write = await lab.Host("db2").QueryAsync("INSERT INTO sessions.t VALUES (3, 3)", timeout: TimeSpan.FromSeconds(5));
        Assert.True(write.Ok, $"db2 refused a write after the clean-up: {write}");
        Assert.Equal("0", (await lab.Host("db2").QueryAsync("SELECT COUNT(*) FROM sessions.t WHERE id = 2")).Scalar);
    }
}
