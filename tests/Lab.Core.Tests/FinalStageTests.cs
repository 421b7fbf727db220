using Lab.Core.Hosts;
using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Services;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>A scenario's `finally: true` stage: it runs whatever happened, every step of it, and never hides the scenario's own failure.</summary>
public sealed class FinalStageTests
{
    [Fact]
    public async Task Given_a_scenario_that_fails_in_its_first_stage_When_it_runs_Then_the_stage_after_is_skipped_and_the_final_stage_runs()
    {
        var lab = new ScenarioHarness("galera");
        lab["db2"].Sql.On("UNLOCK TABLES", SqlReply.Done);

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: lock db2, then fail
                do:
                  - sql: { on: db2, run: "FLUSH TABLES WITH READ LOCK" }
                  - stop: db3
                expect:
                  - status: { on: db1, wsrep_cluster_size: 4 }
                    within: 1s
              - title: never reached
                do: [ { kill: db1 } ]
              - title: give back what the scenario took
                finally: true
                do:
                  - sql: { on: db2, run: "UNLOCK TABLES" }
                  - start: db3
            """);

        Assert.False(result.Passed, result.Timeline());
        Assert.True(result.Error!.Contains("scenario.yaml:8: expected db1: wsrep_cluster_size=4 within 1s", StringComparison.Ordinal), $"error: {result.Error}");
        Assert.True(lab["db2"].Sql.Executed.Contains("UNLOCK TABLES"), $"db2 executed: {string.Join(" | ", lab["db2"].Sql.Executed)}");
        Assert.True(lab["db3"].Services.Status(ServiceCatalog.Galera).State == ServiceState.Running, "db3 should have been started again by the final stage");
        Assert.True(lab["db1"].Services.History.Count == 0, $"the stage after the failure must not run; db1: {string.Join(", ", lab["db1"].Services.History)}");
        Assert.True(result.Steps.Where(s => s.Stage == 2).Select(s => s.Passed).SequenceEqual([true, true]),
            $"the final stage's two steps should have run and passed: {result.Timeline()}");
        Assert.Contains("the scenario failed; its final stage runs anyway", lab.Observer.Notes);
    }

    [Fact]
    public async Task Given_a_final_stage_that_fails_too_When_the_scenario_failed_first_Then_the_first_failure_leads_and_the_final_one_follows_and_every_final_step_runs()
    {
        var lab = new ScenarioHarness("galera");
        lab["db2"].Sql.On("UNLOCK TABLES", SqlReply.Error(1105, "planted failure"));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: fail
                expect:
                  - status: { on: db1, wsrep_cluster_size: 4 }
                    within: 1s
              - title: clean up
                finally: true
                do:
                  - sql: { on: db2, run: "UNLOCK TABLES" }
                  - stop: db3
            """);

        Assert.False(result.Passed);
        var lines = result.Error!.Split('\n');
        Assert.True(lines[0].Contains("scenario.yaml:5: expected db1: wsrep_cluster_size=4", StringComparison.Ordinal), $"error: {result.Error}");
        Assert.True(lines.Any(l => l.StartsWith("the final stage failed too: ", StringComparison.Ordinal) && l.Contains("ERROR 1105")),
            $"the final stage's failure should follow the first: {result.Error}");
        Assert.True(lab["db3"].Services.Status(ServiceCatalog.Galera).State == ServiceState.Stopped,
            "a failed step of the final stage must not stop the ones after it (db3 should be stopped)");
    }

    [Fact]
    public async Task Given_a_scenario_that_passes_When_its_final_stage_fails_Then_the_scenario_fails_with_that_failure()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: fine
                expect: [ { status: { on: db1, wsrep_cluster_size: 3 } } ]
              - title: clean up
                finally: true
                expect:
                  - status: { on: db1, wsrep_cluster_size: 5 }
                    within: 1s
            """);

        Assert.False(result.Passed);
        Assert.True(result.Error!.Contains("scenario.yaml:8: expected db1: wsrep_cluster_size=5", StringComparison.Ordinal), $"error: {result.Error}");
        Assert.DoesNotContain("final stage failed too", result.Error);
        Assert.DoesNotContain("the scenario failed; its final stage runs anyway", lab.Observer.Notes);
    }

    [Theory]
    [InlineData("""
        name: t
        stages:
          - title: clean up
            finally: true
            do: [ { start: db3 } ]
          - title: after it
            do: [ { stop: db3 } ]
        """, "scenario.yaml:3: a stage with 'finally: true' runs after all the others")]
    [InlineData("""
        name: t
        stages:
          - title: only a final stage
            finally: true
            do: [ { start: db3 } ]
        """, "scenario.yaml:3: the scenario has only a final stage")]
    [InlineData("""
        name: t
        stages:
          - title: x
            do: [ { start: db3 } ]
          - title: y
            finally: maybe
            do: [ { start: db3 } ]
        """, "'finally' must be true or false")]
    public void Given_a_final_stage_out_of_place_When_loaded_Then_the_error_names_the_line_and_the_rule(string yaml, string expected)
    {
        var lab = new ScenarioHarness("galera");

        var e = Assert.Throws<LabFileException>(() => lab.Parse(yaml));

        Assert.Contains(expected, e.Message);
    }
}
