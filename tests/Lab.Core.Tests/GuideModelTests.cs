using Lab.Core.Guide;
using Lab.Core.Loading;
using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>What `lab guide` reads from a scenario (instructions, hints, what it may hand to a student) and the progress it keeps.</summary>
public sealed class GuideModelTests
{
    private static readonly ScenarioLoader Loader = new(new LabCatalog(RepoRoot.Path).Load("galera"));

    [Fact]
    public void Given_a_stage_with_instructions_and_a_hint_Then_both_load_in_both_languages_and_a_plain_string_is_English()
    {
        var scenario = Loader.Parse("s.yaml", """
            name: s
            stages:
              - title: stop db1
                instructions: { en: "on db1: systemctl stop mariadb", ko: "db1에서: systemctl stop mariadb" }
                hint: "db1 must be stopped"
                do: [ { stop: db1 } ]
                expect: [ { service: { on: db1, state: stopped } } ]
            """);

        var stage = scenario.Stages[0];
        Assert.Equal("db1에서: systemctl stop mariadb", stage.Instructions.In(Language.Ko));
        Assert.Equal("on db1: systemctl stop mariadb", stage.Instructions.In(Language.En));
        Assert.Equal("db1 must be stopped", stage.Hint.In(Language.Ko)); // no Korean written: the English is shown
    }

    [Fact]
    public void Given_an_unknown_key_in_instructions_Then_loading_names_it()
    {
        var e = Assert.Throws<LabFileException>(() => Loader.Parse("s.yaml", """
            name: s
            stages:
              - title: t
                instructions: { en: "x", fr: "y" }
                expect: [ { service: { on: db1, state: running } } ]
            """));
        Assert.Contains("fr", e.Message);
    }

    [Theory]
    [InlineData("kill-node1-ist")]
    [InlineData("quorum-loss-bootstrap")]
    [InlineData("full-crash-recovery")]
    [InlineData("wrong-bootstrap")]
    public void Given_the_guided_galera_scenarios_Then_every_stage_says_what_to_type_in_both_languages_and_they_are_guidable(string name)
    {
        var scenario = Loader.LoadByName(name);

        Assert.Null(GuideSteps.WhyNotGuidable(scenario, "galera", Language.En));
        Assert.All(scenario.Stages.Where(s => !s.Finally), s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Instructions.En), $"{name}: stage '{s.Title.En}' has no instructions");
            Assert.False(string.IsNullOrWhiteSpace(s.Instructions.Ko), $"{name}: stage '{s.Title.En}' has no Korean instructions");
        });
    }

    [Fact]
    public void Given_a_scenario_with_the_tools_writer_Then_it_is_not_guidable_and_the_reason_names_the_stage_and_lab_run()
    {
        var why = GuideSteps.WhyNotGuidable(Loader.LoadByName("haproxy-failover"), "galera", Language.Ko);

        Assert.NotNull(why);
        Assert.Contains("haproxy-failover", why);
        Assert.Contains("lab run galera haproxy-failover", why);
    }

    [Fact]
    public void Given_a_stage_Then_the_guide_does_marks_itself_and_names_the_hosts_the_student_acts_in_but_not_a_killed_one()
    {
        var stages = Loader.LoadByName("kill-node1-ist").Stages;

        Assert.Equal(["kill: db1"], GuideSteps.StudentActions(stages[1]).Select(a => a is ServiceAction s ? $"{s.Verb.ToString().ToLowerInvariant()}: {string.Join(",", s.Hosts)}" : "?"));
        Assert.Empty(GuideSteps.HostsToOpen(stages[1])); // a crash is typed on the machine: lab kill db1
        Assert.Equal(["db2"], GuideSteps.HostsToOpen(stages[2]));
        Assert.Equal(["db1"], GuideSteps.HostsToOpen(stages[3]));
    }

    [Fact]
    public void Given_progress_Then_it_is_saved_as_guide_progress_json_and_read_back_and_a_damaged_file_reads_as_none()
    {
        using var dir = new TempDirectory();
        var at = new DateTimeOffset(2026, 11, 22, 19, 0, 0, TimeSpan.Zero);
        var progress = new GuideProgress("galera", "kill-node1-ist", "s01", 2, 4, false, at, "ko")
            { LogMarks = new Dictionary<string, long> { ["db1"] = 17363 }, LogMarksStage = 1 };

        progress.Save(dir.Path);
        var read = GuideProgress.TryLoad(dir.Path);

        Assert.True(File.Exists(Path.Combine(dir.Path, "guide-progress.json")));
        Assert.NotNull(read);
        Assert.Equal((progress.Lab, progress.Scenario, progress.Instance, progress.StagesDone, progress.StagesTotal, progress.Completed, progress.UpdatedUtc, progress.Language),
            (read.Lab, read.Scenario, read.Instance, read.StagesDone, read.StagesTotal, read.Completed, read.UpdatedUtc, read.Language));
        Assert.Equal(17363, read.LogMarks["db1"]);
        Assert.Equal(1, read.LogMarksStage);
        Assert.Contains("\"stagesDone\": 2", File.ReadAllText(GuideProgress.PathIn(dir.Path)));

        File.WriteAllText(GuideProgress.PathIn(dir.Path), "{ not json");
        Assert.Null(GuideProgress.TryLoad(dir.Path));
        Assert.Null(GuideProgress.TryLoad(Path.Combine(dir.Path, "missing")));
    }

    [Theory]
    [InlineData("h", GuideKey.Hint)]
    [InlineData(" S ", GuideKey.Solve)]
    [InlineData("quit", GuideKey.Quit)]
    [InlineData("", GuideKey.Done)]
    [InlineData("systemctl stop mariadb", GuideKey.Unknown)]
    public void Given_a_typed_line_Then_it_is_read_as_its_key(string line, GuideKey key) => Assert.Equal(key, GuideKeys.Parse(line));
}
