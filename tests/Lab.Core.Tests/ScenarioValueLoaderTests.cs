using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>The new forms as the loader reads them, and the mistakes it refuses with the file, the line and the fix.</summary>
public sealed class ScenarioValueLoaderTests
{
    private static readonly ScenarioLoader Loader = new(new LabCatalog(RepoRoot.Path).Load("galera"));

    private static LabFileException Fails(string yaml) => Assert.Throws<LabFileException>(() => Loader.Parse("s.yaml", yaml));

    [Fact]
    public void Given_every_new_form_Then_each_is_typed_with_its_settings()
    {
        var s = Loader.Parse("s.yaml", """
            name: forms
            stages:
              - title: before
                do:
                  - save: { as: conflicts_before, on: db1, status: wsrep_local_cert_failures }
                  - save: { as: n, on: db2, query: "SELECT COUNT(*) FROM t" }
                  - sql: { on: db1, run: "SELECT SLEEP(1)" }
                    timeout: 5s
                  - start: { on: db3, args: [--wsrep-sst-method=mariabackup], provider_options: "gcache.size=1M; evs.suspect_timeout=PT2S" }
                expect:
                  - value: { on: db1, status: wsrep_local_cert_failures, increased_by: 1, from: conflicts_before }
                  - value: { same_on: [db1, db2, db3], query: "SELECT COUNT(*) FROM t", equals: n, greater_than: 0 }
                  - log: { on: db1, count: { "IST received": 1, "SST": 0 } }
                  - file: { on: db1, path: /var/lib/mysql/grastate.dat, lacks: "seqno:   -1" }
            """);

        var stage = Assert.Single(s.Stages);
        var save = Assert.IsType<SaveValueAction>(stage.Actions[0]);
        Assert.Equal(("conflicts_before", "db1", "wsrep_local_cert_failures"), (save.Name, save.Host, save.Source.Status));
        Assert.Equal("SELECT COUNT(*) FROM t", Assert.IsType<SaveValueAction>(stage.Actions[1]).Source.Sql);
        Assert.Equal(TimeSpan.FromSeconds(5), stage.Actions[2].Timeout);
        Assert.Null(stage.Actions[0].Timeout);
        var start = Assert.IsType<StartAction>(stage.Actions[3]);
        Assert.Equal("gcache.size=1M;evs.suspect_timeout=PT2S", start.ProviderOptions);
        Assert.Equal(["--wsrep-sst-method=mariabackup"], start.Args);
        var increased = Assert.IsType<ValueExpectation>(stage.Expectations[0]);
        Assert.Equal(new ValueComparison(ValueTest.ChangedBy, ValueOperand.Saved("conflicts_before"), 1), Assert.Single(increased.Comparisons));
        var same = Assert.IsType<ValueExpectation>(stage.Expectations[1]);
        Assert.True(same.Same);
        Assert.Equal([new ValueComparison(ValueTest.Equal, ValueOperand.Saved("n")), new ValueComparison(ValueTest.Greater, ValueOperand.Of(0))], same.Comparisons);
        Assert.Equal(new Dictionary<string, int> { ["IST received"] = 1, ["SST"] = 0 }, Assert.IsType<LogExpectation>(stage.Expectations[2]).Counts);
        Assert.Equal(["seqno:   -1"], Assert.IsType<FileExpectation>(stage.Expectations[3]).Lacks);
    }

    [Fact]
    public void Given_a_comparison_with_a_name_never_saved_Then_the_error_names_the_line_the_name_and_how_to_save_it()
    {
        var e = Fails("""
            name: x
            stages:
              - title: compare first
                expect:
                  - value: { on: db1, status: wsrep_local_cert_failures, increased_by: 1, from: conflicts_before }
              - title: save too late
                do: [ { save: { as: conflicts_before, on: db1, status: wsrep_local_cert_failures } } ]
            """);

        Assert.Equal("s.yaml:5: 'conflicts_before' is not saved before this expectation; save it in an earlier step, " +
                     "e.g. do: [ { save: { as: conflicts_before, on: HOST, status: VARIABLE } } ] (nothing is saved before it)", e.Message);
    }

    [Fact]
    public void Given_a_misspelt_saved_name_Then_the_error_lists_what_was_saved()
    {
        var e = Fails("""
            name: x
            stages:
              - title: save
                do: [ { save: { as: rows_before, on: db1, query: "SELECT 1" } } ]
              - title: compare
                expect: [ { value: { on: db2, query: "SELECT 1", equals: row_before } } ]
            """);

        Assert.StartsWith("s.yaml:6: 'row_before' is not saved before this expectation;", e.Message);
        Assert.EndsWith("(saved so far: rows_before)", e.Message);
    }

    [Theory]
    [InlineData("save: { as: 1st, on: db1, status: x }", "'as: 1st' must be a name of letters, digits and _ that starts with a letter")]
    [InlineData("save: { as: x, on: db1 }", "give exactly one of 'status' or 'query'")]
    [InlineData("save: { as: x, on: db1, status: a, query: b }", "give exactly one of 'status' or 'query'")]
    [InlineData("save: { as: x, on: [db1, db2], status: a }", "'on' must name exactly one host here")]
    [InlineData("sql: { on: db1, run: \"SELECT 1\" }\n        timeout: soon", "'timeout: soon' must be a duration more than 0, e.g. 10s or 2m")]
    [InlineData("sql: { on: db1, run: \"SELECT 1\" }\n        timeout: 0s", "'timeout: 0s' must be a duration more than 0")]
    [InlineData("start: { on: db1, args: [\"--wsrep-provider-options=gcache.size=1M\"] }",
        "'--wsrep-provider-options=gcache.size=1M' on the command line replaces all the lab's provider options (gcache.size and the rest); write provider_options: \"gcache.size=1M\" instead")]
    [InlineData("start: { on: db1, provider_options: \"gcache.size\" }", "'provider_options: gcache.size': 'gcache.size' is not key=value")]
    [InlineData("start: { on: db1, provider_options: \"gcache.size=1 M\" }", "'gcache.size=1 M' has a space in it")]
    [InlineData("start: { on: [db1, haproxy], provider_options: \"gcache.size=1M\" }",
        "'provider_options' are Galera's: haproxy runs no Galera node (Galera nodes of lab 'galera': db1, db2, db3)")]
    public void Given_a_wrong_action_Then_the_error_says_what_to_write(string action, string expected)
    {
        var e = Fails($"name: x\nstages:\n  - title: t\n    do:\n      - {action}\n");

        Assert.Contains(expected, e.Message);
        Assert.StartsWith("s.yaml:", e.Message);
    }

    [Theory]
    [InlineData("value: { on: db1, status: a }", "say what the value should be")]
    [InlineData("value: { on: db1, same_on: [db1, db2], status: a }", "give exactly one of 'on' or 'same_on'")]
    [InlineData("value: { same_on: db1, status: a }", "'same_on' compares hosts with each other: name at least two")]
    [InlineData("value: { on: db1, status: a, increased_by: 1 }", "'increased_by: 1' needs 'from'")]
    [InlineData("value: { on: db1, status: a, from: before }", "'from' goes with 'increased_by'")]
    [InlineData("value: { on: db1, status: a, increased_by: one, from: before }", "'increased_by: one' must be a number")]
    [InlineData("value: { on: db1, status: a, increased_by: 1, from: 5 }", "'from: 5' must name a value saved earlier, not a number")]
    [InlineData("value: { on: db1, status: wsrep_cluster_status, equals: \"non-Primary\" }", "to compare with a fixed text, use a status or query expectation")]
    [InlineData("log: { on: db1, count: { \"IST received\": many } }", "count: \"IST received\": many must be a number of occurrences, 0 or more")]
    [InlineData("file: { on: db1, path: /x }", "give 'contains' and/or 'lacks'")]
    public void Given_a_wrong_expectation_Then_the_error_says_what_to_write(string expectation, string expected)
    {
        var e = Fails($"name: x\nstages:\n  - title: t\n    do: [ {{ save: {{ as: before, on: db1, status: a }} }} ]\n    expect:\n      - {expectation}\n");

        Assert.Contains(expected, e.Message);
        Assert.StartsWith("s.yaml:6", e.Message);
    }
}
