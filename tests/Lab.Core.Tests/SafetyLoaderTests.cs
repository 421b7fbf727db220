using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>The scenario forms of the data-safety workloads and their expectations.</summary>
public sealed class SafetyLoaderTests
{
    private static readonly ScenarioLoader Loader = new(new LabCatalog(RepoRoot.Path).Load("galera"));

    private static LabFileException Fails(string yaml) => Assert.Throws<LabFileException>(() => Loader.Parse("s.yaml", yaml));

    [Fact]
    public void Given_both_workloads_their_stop_and_expectations_Then_they_are_typed_with_defaults()
    {
        var s = Loader.Parse("s.yaml", """
            name: safety
            stages:
              - title: start
                do:
                  - workload: { kind: increments, through: [db1, db2, db3], lock: false, count: 50 }
                  - workload: { kind: stale-reads, from: client, write: db1, read: [db2, db3] }
                  - workload: { stop: stale-reads }
                expect:
                  - lost_updates: { max: 0, min_acknowledged: 20 }
                  - stale_reads: { sync_wait: 1, max: 0 }
                    within: 1m
            """);

        var actions = s.Stages[0].Actions;
        var increments = Assert.IsType<IncrementsAction>(actions[0]);
        Assert.True(increments is { Line: 5, Locking: false, Count: 50 }, increments.ToString());
        Assert.Equal(["db1", "db2", "db3"], increments.Through);
        var reads = Assert.IsType<StaleReadsAction>(actions[1]);
        Assert.True(reads is { From: "client", Writer: "db1", Count: 200 });
        Assert.Equal([0, 1], reads.SyncWaits); // both by default: the comparison is the point
        Assert.Equal(["db2", "db3"], reads.Readers);
        Assert.Equal(new StopSafetyAction(7, "stale-reads"), actions[2]);
        Assert.Equal(new LostUpdatesExpectation(9, ScenarioLoader.DefaultWithin, null, 0, 20), s.Stages[0].Expectations[0]);
        Assert.Equal(new StaleReadsExpectation(10, TimeSpan.FromMinutes(1), 1, null, 0, 1), s.Stages[0].Expectations[1]);
        Assert.Equal("start read-modify-write increments through db1, db2, db3 (plain SELECT, then UPDATE, 50 each)", actions[0].Describe());
        Assert.Equal("from client: write on db1, then at once read it on db2, db3, 200 times with wsrep_sync_wait 0/1 in turn", actions[1].Describe());
        Assert.Equal("stale reads with wsrep_sync_wait=1: <= 0, at least 1 reads", s.Stages[0].Expectations[1].Describe());
    }

    [Theory]
    [InlineData("{ kind: increments, through: [db1, db9] }", "unknown host 'db9'")]
    [InlineData("{ kind: counters, through: db1 }", "workload kind 'counters' must be increments or stale-reads")]
    [InlineData("{ kind: increments, through: db1, count: 0 }", "count 0 must be from 1 to 5000")]
    [InlineData("{ kind: stale-reads, from: client, write: db1, read: db2, sync_wait: [0, yes] }", "sync_wait 'yes' must be a wsrep_sync_wait value")]
    [InlineData("{ kind: stale-reads, write: db1, read: db2 }", "from")]
    [InlineData("{ stop: writes }", "'stop: writes' must name a workload kind: increments or stale-reads")]
    public void Given_a_wrong_workload_Then_the_error_names_the_line_and_the_fix(string body, string expected)
    {
        var e = Fails($"""
            name: s
            stages:
              - title: t
                do: [ {"{"} workload: {body} {"}"} ]
            """);

        Assert.Contains("s.yaml:", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    [InlineData("lost_updates: { min_acknowledged: 5 }", "give 'max' (e.g. max: 0) and/or 'min' (lost updates)")]
    [InlineData("stale_reads: { max: 0 }", "say which reads: sync_wait: 0 or 1")]
    public void Given_an_expectation_without_a_bound_Then_it_says_what_to_give(string entry, string expected)
    {
        var e = Fails($"""
            name: s
            stages:
              - title: t
                expect: [ {"{"} {entry} {"}"} ]
            """);

        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Given_deadlock_bounds_and_a_minimum_loss_Then_they_are_read_and_a_bound_without_numbers_is_refused()
    {
        var s = Loader.Parse("s.yaml", """
            name: bounds
            stages:
              - title: check
                expect:
                  - lost_updates: { max: 0, deadlocks: { min: 1 } }
                  - workload: { lost: { min: 1 } }
            """);

        Assert.Equal((1L, (long?)null), ((LostUpdatesExpectation)s.Stages[0].Expectations[0]).Deadlocks);
        var workload = Assert.IsType<WorkloadExpectation>(s.Stages[0].Expectations[1]);
        Assert.Equal(1, workload.LostAtLeast);
        Assert.StartsWith("at least 1 acknowledged write(s) missing", workload.Describe());

        Assert.Contains("give 'min' and/or 'max'", Fails("name: x\nstages:\n  - title: t\n    expect:\n      - lost_updates: { max: 0, deadlocks: {} }\n").Message);
        Assert.Contains("needs N of 1 or more", Fails("name: x\nstages:\n  - title: t\n    expect:\n      - workload: { lost: { min: 0 } }\n").Message);
    }
}
