using System.Text.RegularExpressions;
using Lab.Core.Messages;
using Lab.Core.Services;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>A scenario file students run (labs/galera/scenarios), end to end on fake hosts scripted to behave like the lab.</summary>
public sealed partial class SeedScenarioTests
{
    [GeneratedRegex(@"^(CREATE|DROP) DATABASE (?:IF EXISTS )?(\w+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseDdl();

    [GeneratedRegex(@"^SHOW DATABASES LIKE '(\w+)'$", RegexOptions.IgnoreCase)]
    private static partial Regex ShowDatabases();

    /// <summary>Databases as Galera keeps them: the same on every node that is in the cluster.</summary>
    private static void ReplicatedDatabases(FakeLab lab)
    {
        var databases = new HashSet<string>();
        foreach (var node in lab.HostsRunning(ServiceCatalog.Galera))
        {
            node.Sql.On(DatabaseDdl(), m =>
            {
                lock (databases)
                    if (m.Groups[1].Value.Equals("CREATE", StringComparison.OrdinalIgnoreCase)) databases.Add(m.Groups[2].Value);
                    else databases.Remove(m.Groups[2].Value);
                return SqlReply.Done;
            });
            node.Sql.On(ShowDatabases(), m =>
            {
                lock (databases)
                    return databases.Contains(m.Groups[1].Value) ? SqlReply.Row(m.Groups[1].Value) : SqlReply.Table(["Database"]);
            });
        }
    }

    [Fact]
    public async Task Given_the_kill_node1_ist_scenario_When_run_on_a_fake_cluster_that_rejoins_by_IST_Then_every_stage_passes()
    {
        var lab = new ScenarioHarness("galera");
        ReplicatedDatabases(lab.Lab);
        lab["db1"].Log("WSREP_SST: [INFO] SST completed on joiner (an earlier start)"); // before the scenario's mark: must not count
        lab["db1"].OnStart(ServiceCatalog.Galera, _ =>
        {
            lab["db1"].Log("[Note] WSREP: IST received: 7a4a1b2c-0000-0000-0000-000000000000:14");
            lab["db1"].Log("WSREP_SST: [INFO] IST completed on joiner (20240101 00:01:00.000)");
        });

        var result = await lab.RunAsync(lab.Lab.Loader.LoadByName("kill-node1-ist"));

        Assert.True(result.Passed, result.Timeline());
        Assert.True(result.Steps.Count == 11, $"expected every action and expectation of the four stages to run, observed {result.Steps.Count}: {result.Timeline()}");
        Assert.True(string.Join(",", lab["db1"].Services.History) == "Killed galera,Started galera", $"db1: {string.Join(", ", lab["db1"].Services.History)}");
    }

    [Fact]
    public async Task Given_the_kill_node1_ist_scenario_When_db1_rejoins_by_SST_instead_Then_it_fails_at_the_log_expectation_of_the_file()
    {
        var lab = new ScenarioHarness("galera");
        ReplicatedDatabases(lab.Lab);
        lab["db1"].OnStart(ServiceCatalog.Galera, _ => lab["db1"].Log("WSREP_SST: [INFO] SST completed on joiner (20240101 00:01:00.000)"));

        var result = await lab.RunAsync(lab.Lab.Loader.LoadByName("kill-node1-ist"));

        var file = Path.Combine(RepoRoot.Path, "labs", "galera", "scenarios", "kill-node1-ist.yaml");
        var line = File.ReadLines(file).Select((text, i) => (text, i)).Single(l => l.text.Contains("- log: { on: db1")).i + 1;
        Assert.True(result.Error?.StartsWith($"{file}:{line}: expected db1 log since mark: ", StringComparison.Ordinal) == true
                    && result.Error.Contains("found \"SST completed on joiner\""), $"error was: {result.Error}");
    }

    [Fact]
    public async Task Given_the_kill_node1_ist_scenario_in_Korean_When_it_passes_Then_no_step_line_or_detail_is_English()
    {
        var lab = new ScenarioHarness("galera") { Language = Language.Ko };
        ReplicatedDatabases(lab.Lab);
        lab["db1"].OnStart(ServiceCatalog.Galera, _ =>
        {
            lab["db1"].Log("[Note] WSREP: IST received: 7a4a1b2c-0000-0000-0000-000000000000:14");
            lab["db1"].Log("WSREP_SST: [INFO] IST completed on joiner (20240101 00:01:00.000)");
        });
        var scenario = lab.Lab.Loader.LoadByName("kill-node1-ist");

        var result = await lab.RunAsync(scenario);

        Assert.True(result.Passed, result.Timeline());
        var lines = string.Join("\n", result.Steps.Select(s => $"{s.Description}: {s.Detail}"));
        Assert.Empty(EnglishLeftovers.In(lines, scenario));
        Assert.Contains("db1 강제 종료(SIGKILL)", lines);
        Assert.Contains("모두 예상대로", lines); // the log expectation's detail
    }

    [Fact]
    public async Task Given_the_kill_node1_ist_scenario_in_Korean_When_db1_rejoins_by_SST_Then_the_failure_is_said_in_Korean()
    {
        var lab = new ScenarioHarness("galera") { Language = Language.Ko };
        ReplicatedDatabases(lab.Lab);
        lab["db1"].OnStart(ServiceCatalog.Galera, _ => lab["db1"].Log("WSREP_SST: [INFO] SST completed on joiner (20240101 00:01:00.000)"));
        var scenario = lab.Lab.Loader.LoadByName("kill-node1-ist");

        var result = await lab.RunAsync(scenario);

        Assert.False(result.Passed);
        Assert.Contains("초 안에 다음 상태가 되지 않음: db1 로그(표시 이후): ", result.Error);
        Assert.Contains("\"SST completed on joiner\" 발견", result.Error);
        // The log lines quoted under the failure are the server's own; the frame around them is not English.
        var frame = result.Error!.Split("\n  --- ")[0];
        Assert.Empty(EnglishLeftovers.In(frame, scenario));
    }
}
