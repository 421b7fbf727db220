using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

public sealed class ScenarioLoaderTests
{
    private static readonly ScenarioLoader Loader = new(new LabCatalog(RepoRoot.Path).Load("galera"));

    private static LabFileException Fails(string yaml) =>
        Assert.Throws<LabFileException>(() => Loader.Parse("s.yaml", yaml));

    [Fact]
    public void Given_the_galera_lab_Then_its_scenarios_load()
    {
        Assert.Equal(["auto-increment", "conflict-first-committer", "crash-durability", "ddl-toi-rsu", "failure-detection", "full-crash-recovery",
            "haproxy-failover", "ist-or-sst-gcache", "kill-node1-ist", "large-transaction", "latency-100ms", "no-primary-key", "partition-1-2",
            "quorum-loss", "quorum-loss-bootstrap", "single-writer", "sst-methods", "sst-observed", "stale-read", "streaming-replication",
            "weighted-quorum", "wrong-bootstrap"], Loader.Names);
        foreach (var name in Loader.Names)
        {
            var scenario = Loader.LoadByName(name);
            Assert.Equal(name, scenario.Name);
            Assert.False(string.IsNullOrEmpty(scenario.Title.Ko), $"{name} has no Korean title");
            Assert.All(scenario.Stages, s => Assert.False(string.IsNullOrEmpty(s.Title.Ko), $"{name}: stage '{s.Title.En}' has no Korean title"));
        }
    }

    [Fact]
    public void Given_the_sketch_from_the_design_Then_actions_and_expectations_are_typed()
    {
        var s = Loader.Parse("s.yaml", """
            name: sketch
            stages:
              - title: kill db1
                do: [ { mark: db1 }, { kill: db1 }, { start: { on: db3, args: [--wsrep-new-cluster] } } ]
                expect:
                  - status: { on: [db2, db3], wsrep_cluster_size: 2, wsrep_cluster_status: Primary }
                    within: 45s
                  - query: { on: db3, run: "SELECT 1", error: 1047 }
                  - log: { on: db1, contains: "IST received", lacks: [SST] }
            """);

        var stage = Assert.Single(s.Stages);
        Assert.IsType<MarkLogAction>(stage.Actions[0]);
        Assert.Equal(ServiceVerb.Kill, Assert.IsType<ServiceAction>(stage.Actions[1]).Verb);
        Assert.Equal(["--wsrep-new-cluster"], Assert.IsType<StartAction>(stage.Actions[2]).Args);
        var status = Assert.IsType<StatusExpectation>(stage.Expectations[0]);
        Assert.Equal(TimeSpan.FromSeconds(45), status.Within);
        Assert.Equal("2", status.Values["wsrep_cluster_size"]);
        Assert.Equal(1047, Assert.IsType<QueryExpectation>(stage.Expectations[1]).Error);
        Assert.Equal(ScenarioLoader.DefaultWithin, stage.Expectations[1].Within);
        Assert.Equal(["SST"], Assert.IsType<LogExpectation>(stage.Expectations[2]).Lacks);
    }

    [Fact]
    public void Given_an_unknown_host_Then_the_error_names_file_line_and_the_hosts()
    {
        var e = Fails("""
            name: x
            stages:
              - title: t
                do:
                  - kill: db9
            """);
        Assert.Equal("s.yaml:5: unknown host 'db9'; lab 'galera' has: db1, db2, db3, haproxy, client", e.Message);
    }

    [Fact]
    public void Given_an_unknown_action_Then_the_error_lists_the_known_ones()
    {
        var e = Fails("""
            name: x
            stages:
              - title: t
                do:
                  - reboot: db1
            """);
        Assert.StartsWith("s.yaml:5: an action must have exactly one of: kill, stop,", e.Message);
    }

    [Fact]
    public void Given_a_bad_duration_Then_it_says_how_to_write_one()
    {
        var e = Fails("""
            name: x
            stages:
              - title: t
                expect:
                  - status: { on: db1, wsrep_ready: "ON" }
                    within: soon
            """);
        Assert.Equal("s.yaml:5: 'within: soon' is not a duration; write e.g. 500ms, 30s or 2m", e.Message);
    }

    [Fact]
    public void Given_a_query_without_an_expected_outcome_Then_it_is_refused()
    {
        var e = Fails("""
            name: x
            stages:
              - title: t
                expect:
                  - query: { on: db1, run: "SELECT 1" }
            """);
        Assert.Equal("s.yaml:5: say what the query should give: rows, equals or error", e.Message);
    }

    [Fact]
    public void Given_a_stage_without_a_title_or_steps_Then_each_is_refused()
    {
        Assert.Equal("s.yaml:3: a stage needs a 'title'", Fails("name: x\nstages:\n  - do: [ { kill: db1 } ]\n").Message);
        Assert.Equal("s.yaml:3: a stage needs 'do' or 'expect'", Fails("name: x\nstages:\n  - title: nothing\n").Message);
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("30s", 30)]
    [InlineData("1.5s", 1.5)]
    [InlineData("2m", 120)]
    public void Durations_parse(string text, double seconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("-1s")]
    [InlineData("fast")]
    public void Bad_durations_do_not(string text) => Assert.False(DurationText.TryParse(text, out _));
}
