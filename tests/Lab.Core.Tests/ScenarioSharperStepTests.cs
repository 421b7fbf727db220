using System.Text.RegularExpressions;
using Lab.Core.Hosts;
using Lab.Core.Scenarios;
using Lab.Core.Services;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>
/// Log lines counted since the mark, a file's `lacks`, an action's own timeout, and a start whose provider options are
/// merged into the host's configuration: the real engine on fake hosts, passing and failing.
/// </summary>
public sealed class ScenarioSharperStepTests
{
    private static string At(int line) => $"{Path.GetFullPath(ScenarioHarness.File)}:{line}: ";

    private const string CountedRejoin = """
        name: t
        stages:
          - title: db1 rejoins by one IST
            do: [ { mark: db1 }, { start: db1 } ]
            expect:
              - log: { on: db1, count: { "IST received": 1, "SST completed": 0 } }
                within: 1s
        """;

    private static ScenarioHarness Rejoining(params string[] logsOnStart)
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Services.Set(ServiceCatalog.Galera, ServiceState.Stopped);
        lab["db1"].Log("[Note] WSREP: IST received: 7a4a:10"); // before the mark: not counted
        lab["db1"].OnStart(ServiceCatalog.Galera, _ => { foreach (var line in logsOnStart) lab["db1"].Log(line); });
        return lab;
    }

    [Fact]
    public async Task Given_one_IST_after_the_mark_When_it_is_counted_Then_the_count_holds()
    {
        var lab = Rejoining("[Note] WSREP: IST received: 7a4a:12");

        var result = await lab.RunAsync(CountedRejoin);

        Assert.True(result.Passed, result.Timeline());
        Assert.Equal("db1 log since mark: \"IST received\" 1 time(s), \"SST completed\" 0 time(s)", result.Steps[2].Description);
    }

    [Fact]
    public async Task Given_two_ISTs_after_the_mark_When_one_is_expected_Then_it_fails_with_the_count_seen_and_expected()
    {
        var lab = Rejoining("[Note] WSREP: IST received: 7a4a:12", "[Note] WSREP: IST received: 7a4a:14");

        var result = await lab.RunAsync(CountedRejoin);

        Assert.True(result.Error?.StartsWith(At(6) + "expected db1 log since mark: \"IST received\" 1 time(s), \"SST completed\" 0 time(s) within 1s; " +
                                             "last observed: \"IST received\" 2 time(s), expected 1", StringComparison.Ordinal) == true, $"error was: {result.Error}");
    }

    [Fact]
    public async Task Given_a_file_When_lacks_is_expected_Then_it_passes_without_the_text_and_fails_naming_it_when_present()
    {
        var lab = new ScenarioHarness("galera");
        const string yaml = """
            name: t
            stages:
              - title: a clean shutdown left a seqno
                expect:
                  - file: { on: db1, path: /var/lib/mysql/grastate.dat, contains: "seqno:", lacks: "seqno:   -1" }
                    within: 500ms
            """;
        lab["db1"].Files.Put("/var/lib/mysql/grastate.dat", "version: 2.1\nseqno:   42\n");
        var clean = await lab.RunAsync(yaml);
        lab["db1"].Files.Put("/var/lib/mysql/grastate.dat", "version: 2.1\nseqno:   -1\n");
        var crashed = await lab.RunAsync(yaml);

        Assert.True(clean.Passed, clean.Timeline());
        Assert.Equal("db1:/var/lib/mysql/grastate.dat contains \"seqno:\" without \"seqno:   -1\"", clean.Steps[0].Description);
        Assert.True(crashed.Error?.StartsWith(At(5) + "expected db1:/var/lib/mysql/grastate.dat contains \"seqno:\" without \"seqno:   -1\" within 0.5s; " +
                                              "last observed: found \"seqno:   -1\"; version: 2.1 | seqno:   -1", StringComparison.Ordinal) == true, $"error was: {crashed.Error}");
    }

    [Fact]
    public async Task Given_a_statement_that_blocks_10s_When_its_action_has_a_2s_timeout_Then_it_fails_after_2s_naming_the_line_and_the_action()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Sql.Delay(new Regex("^UPDATE t "), TimeSpan.FromSeconds(10));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: a blocked update
                do:
                  - sql: { on: db1, run: "SELECT 1" }
                    timeout: 2s
                  - sql: { on: db1, run: "UPDATE t SET v = 1" }
                    timeout: 2s
                  - sql: { on: db1, run: "SELECT 2" }
            """);

        Assert.Equal(At(7) + "db1: UPDATE t SET v = 1 did not finish within its timeout of 2s", result.Error);
        Assert.True(result.Steps[0].Passed, result.Timeline());
        Assert.Equal(TimeSpan.FromSeconds(2), result.Steps[1].Duration);
        Assert.Equal(2, result.Steps.Count); // the scenario stopped there
        Assert.DoesNotContain("SELECT 2", lab["db1"].Sql.Executed);
    }

    [Fact]
    public async Task Given_a_paused_server_When_an_action_allows_45s_Then_the_client_is_not_cut_at_its_default_30s_and_the_action_timeout_ends_it()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Services.Set(ServiceCatalog.Galera, ServiceState.Paused); // accepts the connection, never answers

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: a frozen server
                do:
                  - sql: { on: db1, run: "SELECT 1" }
                    timeout: 45s
            """);

        Assert.Equal(At(5) + "db1: SELECT 1 did not finish within its timeout of 45s", result.Error);
        Assert.Equal(TimeSpan.FromSeconds(45), result.Steps[0].Duration);
    }

    /// <summary>What `my_print_defaults --mysqld` prints for a galera node of the lab (its 50-server.cnf and 60-galera.cnf).</summary>
    private const string LabDefaults = "--user=mysql\n--bind-address=0.0.0.0\n--wsrep_on=ON\n" +
                                       "--wsrep_provider_options=gcache.size=64M;evs.join_retrans_period=PT0.1S\n--wsrep_sst_method=rsync\n";

    [Fact]
    public async Task Given_provider_options_at_start_Then_they_are_merged_into_the_hosts_own_and_passed_after_the_other_args()
    {
        var lab = new ScenarioHarness("galera");
        foreach (var h in new[] { "db1", "db2" })
        {
            lab[h].Services.Set(ServiceCatalog.Galera, ServiceState.Stopped);
            lab[h].OnCommand(new Regex("^my_print_defaults --mysqld$"), (_, _) => new CommandResult(0, LabDefaults, ""));
        }

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: start with a small gcache and a quicker suspicion
                do:
                  - start: { on: [db1, db2], args: [--wsrep-sst-method=mariabackup], provider_options: "gcache.size=1M;evs.suspect_timeout=PT2S" }
            """);

        Assert.True(result.Passed, result.Timeline());
        const string merged = "gcache.size=1M;evs.join_retrans_period=PT0.1S;evs.suspect_timeout=PT2S";
        foreach (var h in new[] { "db1", "db2" }) // then restarted with the lab's own configuration when the scenario ended
            Assert.Equal([["--wsrep-sst-method=mariabackup", "--wsrep_provider_options=" + merged], []], lab[h].Services.Starts(ServiceCatalog.Galera));
        Assert.Equal(["restart db2 with the lab's own provider options (it was started with added ones)",
                      "restart db1 with the lab's own provider options (it was started with added ones)"],
            result.Steps.Where(s => s.StageTitle == ScenarioRunner.CleanUpTitle).Select(s => s.Description));
        Assert.Equal($"db1: started with wsrep_provider_options={merged}; db2: started with wsrep_provider_options={merged}", result.Steps[0].Detail);
        Assert.Equal("start db1, db2 --wsrep-sst-method=mariabackup, provider options gcache.size=1M;evs.suspect_timeout=PT2S merged into the lab's",
            result.Steps[0].Description);
    }

    [Fact]
    public async Task Given_a_node_started_with_provider_options_When_the_scenario_restarts_it_plainly_or_leaves_it_down_Then_the_end_starts_nothing_more()
    {
        var lab = new ScenarioHarness("galera");
        foreach (var h in new[] { "db1", "db2" })
        {
            lab[h].Services.Set(ServiceCatalog.Galera, ServiceState.Stopped);
            lab[h].OnCommand(new Regex("^my_print_defaults --mysqld$"), (_, _) => new CommandResult(0, LabDefaults, ""));
        }

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: with a small gcache
                do: [ { start: { on: [db1, db2], provider_options: "gcache.size=1M" } } ]
              - title: db1 back to its own, db2 down
                do: [ { stop: [db1, db2] }, { start: db1 } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.Equal(2, lab["db1"].Services.Starts(ServiceCatalog.Galera).Count);
        Assert.Single(lab["db2"].Services.Starts(ServiceCatalog.Galera));
        Assert.Equal(ServiceState.Stopped, lab["db2"].Services.Status(ServiceCatalog.Galera).State);
        Assert.Equal(["restart db2 with the lab's own provider options (it was started with added ones)"],
            result.Steps.Where(s => s.StageTitle == ScenarioRunner.CleanUpTitle).Select(s => s.Description)); // a no-op for a node left down
    }

    [Fact]
    public async Task Given_a_host_whose_configuration_cannot_be_read_When_started_with_provider_options_Then_it_is_not_started_and_the_error_says_why()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Services.Set(ServiceCatalog.Galera, ServiceState.Stopped);
        lab["db1"].OnCommand(new Regex("^my_print_defaults"), (_, _) => new CommandResult(127, "", "sh: 1: my_print_defaults: not found\n"));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: start
                do: [ { start: { on: db1, provider_options: "gcache.size=1M" } } ]
            """);

        Assert.True(result.Error?.StartsWith("db1: cannot read the server's configuration with `my_print_defaults --mysqld` (", StringComparison.Ordinal) == true,
            $"error was: {result.Error}");
        Assert.Contains("install them on the host", result.Error);
        Assert.Empty(lab["db1"].Services.Starts(ServiceCatalog.Galera));
    }

    [Theory]
    [InlineData("gcache.size=64M;evs.join_retrans_period=PT0.1S", "gcache.size=1M", "gcache.size=1M;evs.join_retrans_period=PT0.1S")]
    [InlineData("gcache.size=64M", "pc.weight=2;gcache.size=2M", "gcache.size=2M;pc.weight=2")]
    [InlineData("a=1;a=2", "b=3", "a=2;b=3")]
    public void Given_the_labs_options_and_added_ones_Then_each_added_key_replaces_its_own_and_the_rest_stay(string own, string added, string merged)
    {
        Assert.True(ProviderOptionList.TryParse(own, out var o, out _));
        Assert.True(ProviderOptionList.TryParse(added, out var a, out _));

        Assert.Equal(merged, o.MergedWith(a).ToString());
    }
}
