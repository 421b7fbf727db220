using System.Diagnostics;
using Lab.Core.Galera;
using Lab.Core.Scenarios;
using Lab.Core.Services;
using Lab.Core.Sql;
using Lab.Core.Waits;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// Saved values and merged provider options on the real lab: a counter saved, moved by one write, compared on every
/// node; a node started with provider options of its own, keeping the lab's.
/// </summary>
[Collection(GaleraLabCollection.Name)]
public sealed class GaleraValueTests(GaleraLabFixture lab, ITestOutputHelper output)
{
    private async Task<ScenarioResult> RunAsync(string file, string yaml)
    {
        var scenario = new ScenarioLoader(lab.Lab).Parse(file, yaml);
        var clock = Stopwatch.StartNew();
        var result = await new ScenarioRunner(lab.Instance, SilentObserver.Instance, TimeProvider.System).RunAsync(scenario, CancellationToken.None);
        output.WriteLine($"{scenario.Name}: {(result.Passed ? "passed" : "failed")} in {clock.Elapsed.TotalSeconds:0.00}s");
        foreach (var step in result.Steps) output.WriteLine($"  {(step.Passed ? "ok" : "FAIL")} +{step.Duration.TotalSeconds:0.00}s {step.Description} → {step.Detail}");
        return result;
    }

    [Fact]
    public async Task Given_a_saved_counter_and_row_count_When_one_row_is_written_on_db1_Then_both_went_up_by_exactly_1_and_all_nodes_agree_and_2_fails_with_both_values()
    {
        await new HealthRestorer(lab.Instance, Until.Real, _ => { }).RestoreAsync(CancellationToken.None);
        try
        {
            const string stages = """
                  - title: a table, and the counters before
                    do:
                      - sql: { on: db1, run: "CREATE DATABASE IF NOT EXISTS hvvalues; CREATE TABLE IF NOT EXISTS hvvalues.t (id INT AUTO_INCREMENT PRIMARY KEY, v INT)" }
                      - save: { as: replicated, on: db1, status: wsrep_replicated }
                      - save: { as: rows, on: db1, query: "SELECT COUNT(*) FROM hvvalues.t" }
                  - title: one write on db1
                    do:
                      - sql: { on: db1, run: "INSERT INTO hvvalues.t (v) VALUES (1)" }
                        timeout: 10s
                    expect:
                """;

            var passing = await RunAsync("counter.yaml", "name: counter\nstages:\n" + stages + "\n" + """
                      - value: { on: db1, status: wsrep_replicated, increased_by: 1, from: replicated }
                        within: 5s
                      - value: { on: [db2, db3], query: "SELECT COUNT(*) FROM hvvalues.t", increased_by: 1, from: rows }
                        within: 5s
                      - value: { same_on: [db1, db2, db3], status: wsrep_last_committed }
                        within: 5s
                """);
            var failing = await RunAsync("counter-wrong.yaml", "name: counter-wrong\nstages:\n" + stages + "\n" + """
                      - value: { on: db1, status: wsrep_replicated, increased_by: 2, from: replicated }
                        within: 1s
                """);

            Assert.True(passing.Passed, passing.Error);
            Assert.False(failing.Passed);
            Assert.Matches(@"counter-wrong\.yaml:13: expected db1: status wsrep_replicated changed by exactly \+2 since 'replicated' within 1s; " +
                           @"last observed: db1: wsrep_replicated=(\d+) \('replicated' was (\d+), a change of \+1\)", failing.Error);
        }
        finally
        {
            await lab.Instance.Host("db1").ExecuteAsync("DROP DATABASE IF EXISTS hvvalues");
        }
    }

    [Fact]
    public async Task Given_db3_started_with_provider_options_Then_the_given_ones_and_the_labs_own_are_both_in_force_and_the_end_of_the_scenario_restores_the_labs()
    {
        await new HealthRestorer(lab.Instance, Until.Real, _ => { }).RestoreAsync(CancellationToken.None);
        var db3 = lab.Instance.Host("db3");
        ScenarioResult result;
        try
        {
            result = await RunAsync("merged.yaml", """
                name: merged
                stages:
                  - title: db3 restarts with a gcache of 16M and a shorter suspicion
                    do:
                      - stop: db3
                      - start: { on: db3, provider_options: "gcache.size=16M;evs.suspect_timeout=PT4S" }
                        timeout: 60s
                    expect:
                      - status: { on: db3, wsrep_local_state_comment: Synced, wsrep_cluster_size: 3 }
                        within: 60s
                      - command:
                          on: db3
                          run: mariadb -N -B -e "SHOW GLOBAL VARIABLES LIKE 'wsrep_provider_options'"
                          contains: ["gcache.size = 16M;", "evs.suspect_timeout = PT4S;", "evs.join_retrans_period = PT0.1S;"]
                """);
        }
        finally
        {
            // The scenario's clean-up restarted db3 with the lab's own options; wait until it is back in the cluster.
            var clock = Stopwatch.StartNew();
            if ((await db3.StatusAsync(ServiceCatalog.Galera)).State == Lab.Core.Hosts.ServiceState.Stopped) await db3.StartAsync(ServiceCatalog.Galera);
            await Until.Real.HoldsAsync("db3 Synced again", async ct =>
            {
                var status = await db3.StatusAsync(["wsrep_local_state_comment"], ct);
                return new ProbeResult(status.GetValueOrDefault("wsrep_local_state_comment") == "Synced", string.Join(",", status));
            }, new WaitPolicy(TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100)), CancellationToken.None);
            output.WriteLine($"db3 Synced with the lab's options {clock.Elapsed.TotalSeconds:0.00}s after the scenario");
        }
        var restored = (await db3.ExecuteAsync("SHOW GLOBAL VARIABLES LIKE 'wsrep_provider_options'")).Rows.Single()[1];

        Assert.True(result.Passed, result.Error);
        Assert.Contains(result.Steps, s => s.StageTitle == ScenarioRunner.CleanUpTitle && s.Passed && s.Description.StartsWith("restart db3 with the lab's own provider options"));
        Assert.Contains("gcache.size = 64M;", restored);
        Assert.Contains("evs.suspect_timeout = PT5S;", restored);
        Assert.Contains("evs.join_retrans_period = PT0.1S;", restored);
    }
}
