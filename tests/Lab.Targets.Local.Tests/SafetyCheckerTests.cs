using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Scenarios;
using Lab.Core.Sql;
using Lab.Core.Waits;
using Lab.Core.Workload;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// The data-safety checkers on a real three-node Galera: each passes where Galera guarantees it and catches the
/// anomaly where it does not (plain-read increments across nodes; reads on a node whose applier is held back).
/// </summary>
[Collection(GaleraLabCollection.Name)]
public sealed class SafetyCheckerTests(GaleraLabFixture lab, ITestOutputHelper output)
{
    /// <summary>The holding connection's statement carries this, so clean-up can find it by its text and end it.</summary>
    private const string HoldMark = "lab_test_hold";

    private async Task<ScenarioResult> RunAsync(string yaml)
    {
        await new HealthRestorer(lab.Instance, Until.Real, _ => { }).RestoreAsync(CancellationToken.None);
        var scenario = new ScenarioLoader(lab.Lab).Parse("safety.yaml", yaml);
        var result = await new ScenarioRunner(lab.Instance, SilentObserver.Instance, TimeProvider.System).RunAsync(scenario, CancellationToken.None);
        foreach (var step in result.Steps) output.WriteLine($"{(step.Passed ? "ok" : "FAIL")} +{step.Duration.TotalSeconds:0.00}s {step.Description}: {step.Detail}");
        return result;
    }

    [Fact]
    public async Task Given_FOR_UPDATE_increments_through_three_nodes_Then_no_committed_increment_is_lost()
    {
        var result = await RunAsync("""
            name: increments-for-update
            stages:
              - title: increments through every node, SELECT ... FOR UPDATE
                do: [ { workload: { kind: increments, through: [db1, db2, db3], lock: true, count: 150 } } ]
                expect: [ { lost_updates: { max: 0, min_acknowledged: 100 } } ]
            """);

        Assert.True(result.Passed, result.Error);
        Assert.Contains("no lost update", result.Steps[^1].Detail);
    }

    [Fact]
    public async Task Given_plain_read_increments_through_three_nodes_Then_the_checker_reports_lost_updates()
    {
        // Measured on 10.11: the read is a snapshot, the UPDATE writes the value computed from it, and certification
        // only compares what was written, so a commit from another node between the two is overwritten.
        var result = await RunAsync("""
            name: increments-plain-read
            stages:
              - title: increments through every node, plain SELECT then UPDATE
                do: [ { workload: { kind: increments, through: [db1, db2, db3], lock: false, count: 300 } } ]
                expect: [ { lost_updates: { min: 1, min_acknowledged: 100 } } ]
            """);

        Assert.True(result.Passed, result.Error);
        Assert.Contains("LOST UPDATE", result.Steps[^1].Detail);
    }

    [Fact]
    public async Task Given_a_scenario_that_fails_while_increments_run_Then_they_are_stopped_in_its_clean_up()
    {
        var result = await RunAsync("""
            name: increments-cut-short
            stages:
              - title: increments, then an expectation that fails
                do: [ { workload: { kind: increments, through: [db1, db2], count: 5000 } } ]
                expect: [ { query: { on: db1, run: "SELECT 1", equals: "2" }, within: 500ms } ]
            """);

        Assert.False(result.Passed);
        var cleanUp = Assert.Single(result.Steps, s => s.Description == "stop the increments workload (its report)");
        Assert.True(cleanUp.Passed, cleanUp.Detail);
        var db1 = lab.Instance.Host("db1");
        var running = await db1.QueryAsync($"SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE '%INTO {IncrementWorkload.Journal}%' AND id <> CONNECTION_ID()");
        Assert.Equal("0", running.Scalar);
        var committed = (await db1.QueryAsync($"SELECT COUNT(*) FROM {IncrementWorkload.Journal}")).Scalar;
        Assert.True(long.Parse(committed!) < 10_000, $"{committed} increments: the writers were not cut short");
        // Longer than a batch of 25 takes: a writer still running would have added to the journal.
        await Until.Real.StaysAsync("no increment after the clean-up", async c =>
        {
            var now = (await db1.QueryAsync($"SELECT COUNT(*) FROM {IncrementWorkload.Journal}", ct: c)).Scalar;
            return new ProbeResult(now == committed, $"{now} journal rows, {committed} at the end");
        }, TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(200), CancellationToken.None);
    }

    [Fact]
    public async Task Given_a_healthy_cluster_Then_reads_with_wsrep_sync_wait_1_are_never_stale()
    {
        var result = await RunAsync("""
            name: stale-reads-healthy
            stages:
              - title: write on db1, read at once on db2 and db3
                do: [ { workload: { kind: stale-reads, from: client, write: db1, read: [db2, db3], sync_wait: [0, 1], count: 200 } } ]
                expect:
                  - stale_reads: { sync_wait: 1, max: 0, min_reads: 90 }
                  - stale_reads: { sync_wait: 0, min: 0, min_reads: 90 }
            """);

        Assert.True(result.Passed, result.Error);
        Assert.Contains("wsrep_sync_wait=1: 100 reads, 0 stale", result.Steps[^1].Detail);
    }

    [Fact]
    public async Task Given_db2_applier_held_by_a_read_lock_Then_plain_reads_there_are_stale_and_causal_reads_wait_and_are_not()
    {
        var ct = CancellationToken.None;
        var (client, db1, db2) = (lab.Instance.Host("client"), lab.Instance.Host("db1"), lab.Instance.Host("db2"));
        await new HealthRestorer(lab.Instance, Until.Real, _ => { }).RestoreAsync(ct);
        await db1.ExecuteAsync($"CREATE DATABASE IF NOT EXISTS labcheck; CREATE TABLE IF NOT EXISTS {StaleReadWorkload.Table} (run BIGINT NOT NULL, id BIGINT NOT NULL, PRIMARY KEY (run, id))", ct);
        await db2.ExecuteAsync($"SET SESSION wsrep_sync_wait = 1; SELECT COUNT(*) FROM {StaleReadWorkload.Table}", ct); // db2 has it before its applier is held
        // FTWRL on a Galera node desyncs it and pauses its applier: the others go on committing, it queues their write sets.
        var hold = db2.RunAsync($"mariadb -N -B -e 'FLUSH TABLES WITH READ LOCK; SELECT SLEEP(60) AS {HoldMark}'", timeout: TimeSpan.FromSeconds(70), ct: ct);
        try
        {
            await Until.Real.HoldsAsync("db2 desynced by FLUSH TABLES WITH READ LOCK", async c =>
            {
                var state = (await db2.StatusAsync(["wsrep_local_state_comment"], c)).GetValueOrDefault("wsrep_local_state_comment", "?");
                return new ProbeResult(state == "Donor/Desynced", state);
            }, WaitPolicy.Within(TimeSpan.FromSeconds(10)), ct);

            var plain = await (await StaleReadWorkload.StartAsync(client, db1, [db2], [0], 40, TimeProvider.System, ct)).StopAsync(now: false);
            output.WriteLine(plain.ToString());
            Assert.Equal(40, plain.For(0).Reads);
            Assert.Equal(40, plain.For(0).Stale);

            var causal = await StaleReadWorkload.StartAsync(client, db1, [db2], [1], 5, TimeProvider.System, ct);
            // The first causal read is blocked on db2 (it waits for the queued write sets), and only then is the lock released.
            await Until.Real.HoldsAsync("a causal read waiting on db2", async c =>
            {
                var waiting = await db2.QueryAsync($"SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE '%FROM {StaleReadWorkload.Table}%'", ct: c);
                return new ProbeResult(waiting.Scalar is { } n && n != "0", waiting.ToString());
            }, WaitPolicy.Within(TimeSpan.FromSeconds(10)), ct);
            Assert.False(causal.Finished);
            await ReleaseHoldAsync(db2);
            var report = await causal.StopAsync(now: false);
            output.WriteLine(report.ToString());
            Assert.Equal(new StaleReadCount(1, 5, 0, 0), report.For(1));
        }
        finally
        {
            await ReleaseHoldAsync(db2);
            await db2.QueryAsync("SET GLOBAL wsrep_desync = OFF");
            await hold;
            await Until.Real.HoldsAsync("db2 Synced again", async c =>
            {
                var state = (await db2.StatusAsync(["wsrep_local_state_comment"], c)).GetValueOrDefault("wsrep_local_state_comment", "?");
                return new ProbeResult(state == "Synced", state);
            }, WaitPolicy.Within(TimeSpan.FromSeconds(30)), ct);
        }
    }

    /// <summary>Ends the connection holding the read lock, if it is still there.</summary>
    private static async Task ReleaseHoldAsync(ILabHost node)
    {
        var ids = await node.QueryAsync($"SELECT id FROM information_schema.processlist WHERE info LIKE '%{HoldMark}%' AND id <> CONNECTION_ID()");
        foreach (var row in ids.Rows) await node.QueryAsync($"KILL {row[0]}");
    }
}
