using Lab.Core.BringUp;
using Lab.Core.Checks;
using Lab.Core.Galera;
using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>
/// `lab check`'s items (labs/LAB/checks.yaml): the real galera file loads with the scenario engine's own expectations;
/// a bad item is refused at its file and line; the saved result reads back; a bare plan stops where the student starts.
/// </summary>
public sealed class CheckLoaderTests
{
    private readonly LabCatalog _catalog = new(RepoRoot.Path);

    private CheckLoader Galera => new(_catalog.Load("galera"));

    private const string File = "labs/galera/checks.yaml";

    private LabFileException Fails(string items) => Assert.Throws<LabFileException>(() => Galera.Parse(File, "checks:\n" + items));

    private const string Good = """
          - id: cluster-size
            title: { en: "three nodes", ko: "노드 3대" }
            hint: { en: "start them", ko: "시작할 것" }
            expect:
              - status: { on: [db1, db2, db3], wsrep_cluster_size: 3 }

        """;

    [Fact]
    public void Given_the_galera_checks_Then_every_seed_item_is_there_with_both_languages_and_scenario_expectations()
    {
        var checks = Galera.Load();

        Assert.Equal(["wsrep-on", "cluster-address", "bind-address", "cluster-size", "synced", "cluster-name", "sst-method",
            "health-account", "haproxy-listens", "haproxy-check", "haproxy-backends", "app-through-haproxy"], checks.Select(c => c.Id));
        Assert.All(checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Title.Ko) || string.IsNullOrWhiteSpace(c.Hint.Ko), c.Id));
        Assert.IsType<StatusExpectation>(Assert.Single(checks.Single(c => c.Id == "cluster-size").Expect));
        Assert.IsType<BackendExpectation>(Assert.Single(checks.Single(c => c.Id == "haproxy-backends").Expect));
        Assert.True(Assert.IsType<ValueExpectation>(checks.Single(c => c.Id == "cluster-name").Expect[^1]).Same);
        Assert.IsType<QueryExpectation>(Assert.Single(checks.Single(c => c.Id == "app-through-haproxy").Expect));
    }

    [Fact]
    public void Given_the_replication_checks_Then_the_notes_setup_is_graded_with_replica_and_lag_expectations()
    {
        var checks = new CheckLoader(_catalog.Load("replication")).Load();

        Assert.Equal(["binlog", "server-ids", "bind-address", "replication-account", "replicas-running", "replicas-source", "caught-up",
            "replicas-read-only", "app-reaches-primary"], checks.Select(c => c.Id));
        Assert.IsType<ReplicaExpectation>(Assert.Single(checks.Single(c => c.Id == "replicas-running").Expect));
        Assert.Equal(2, checks.Single(c => c.Id == "caught-up").Expect.OfType<LagExpectation>().Count());
    }

    [Fact]
    public void Given_a_good_item_Then_it_loads_with_its_line()
    {
        var check = Assert.Single(Galera.Parse(File, "checks:\n" + Good));
        Assert.Equal(("cluster-size", 2, "노드 3대"), (check.Id, check.Line, check.Title.Ko));
    }

    [Theory]
    [InlineData("  - id: x\n    title: { en: a, ko: 가 }\n    hint: { en: b }\n    expect: [ { status: { on: db1, wsrep_ready: \"ON\" } } ]\n", 4, "'hint' needs both languages")]
    [InlineData("  - id: x\n    title: { en: a, ko: 가 }\n    hint: { en: b, ko: 나 }\n    expect:\n      - status: { on: db9, wsrep_ready: \"ON\" }\n", 6, "unknown host 'db9'")]
    [InlineData("  - id: x\n    title: { en: a, ko: 가 }\n    hint: { en: b, ko: 나 }\n    expect:\n      - status: { on: db1, wsrep_ready: \"ON\" }\n        within: 30s\n", 7, "'within' has no meaning in a check")]
    [InlineData("  - id: x\n    title: { en: a, ko: 가 }\n    hint: { en: b, ko: 나 }\n    expect:\n      - workload: { lost: 0 }\n", 6, "no writer outside a scenario run")]
    [InlineData("  - id: x\n    title: { en: a, ko: 가 }\n    hint: { en: b, ko: 나 }\n", 2, "needs 'expect'")]
    [InlineData("  - id: Bad_Id\n    title: { en: a, ko: 가 }\n    hint: { en: b, ko: 나 }\n    expect: [ { status: { on: db1, wsrep_ready: \"ON\" } } ]\n", 2, "lower-case letters")]
    [InlineData("  - id: x\n    titel: { en: a, ko: 가 }\n", 3, "titel")]
    [InlineData("  - id: x\n    title: { en: a, ko: 가 }\n    hint: { en: \"see {{hosts.db7.address}}\", ko: 나 }\n    expect: [ { status: { on: db1, wsrep_ready: \"ON\" } } ]\n", 4, "db7")]
    public void Given_a_bad_item_Then_it_is_refused_at_its_file_and_line(string items, int line, string problem)
    {
        var e = Fails(items);
        Assert.Equal((File, line), (e.File, e.Line));
        Assert.Contains(problem, e.Message);
        Assert.StartsWith($"{File}:{line}: ", e.Message);
    }

    [Fact]
    public void Given_an_id_used_twice_Then_the_second_is_refused_naming_the_first()
    {
        var e = Fails(Good + Good);
        Assert.Equal(7, e.Line);
        Assert.Contains("id 'cluster-size' is used twice (first at line 2)", e.Message);
    }

    [Fact]
    public void Given_a_lab_without_checks_Then_check_says_so()
    {
        var e = Assert.Throws<Errors.LabInputException>(() => new CheckLoader(_catalog.Load("lvs")).Load());
        Assert.Contains("has no graded checks", e.Message);
    }

    [Fact]
    public void Given_a_saved_report_Then_it_reads_back_and_its_percent_is_rounded_down()
    {
        using var dir = new TempDirectory();
        Assert.Null(CheckReport.TryLoad(dir.Path));
        var report = CheckReport.Of("galera", "hc1", DateTimeOffset.Parse("2026-11-22T19:00:00Z"),
            [new("a", true, "ok"), new("b", true, "ok"), new("c", false, "db1: wsrep_cluster_size=1")]);
        Assert.Equal((2, 3, 66, false), (report.Passed, report.Total, report.Percent, report.AllPassed));

        var path = report.Save(dir.Path);

        Assert.Equal(Path.Combine(dir.Path, "check-result.json"), path);
        var back = CheckReport.TryLoad(dir.Path)!;
        Assert.Equal(report with { Items = [] }, back with { Items = [] });
        Assert.Equal(report.Items, back.Items);
        Assert.Contains("\"percent\": 66", System.IO.File.ReadAllText(path));
    }

    [Fact]
    public void Given_a_bare_galera_plan_Then_hosts_are_prepared_as_installed_and_the_servers_and_haproxy_started_nothing_more()
    {
        var plan = BringUpPlan.For(_catalog.Load("galera"), GaleraStart.Classic, bare: true);

        Assert.True(plan.Bare);
        Assert.Equal(["prepare", "start-servers", "start-services"], plan.Steps.Select(s => s.Key));
        Assert.True(Assert.IsType<PrepareHostsStep>(plan.Steps[0]).AsInstalled);
        var servers = Assert.IsType<StartServersStep>(plan.Steps[1]);
        Assert.Equal(["db1", "db2", "db3"], servers.Servers);
        Assert.Equal("galera", servers.Service); // stand-alone, under the unit their systemctl controls
        Assert.Equal([new HostService("haproxy", "haproxy")], Assert.IsType<StartServicesStep>(plan.Steps[2]).Services); // no clustercheck: the lab's own
    }
}
