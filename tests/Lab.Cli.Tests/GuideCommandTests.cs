using System.Diagnostics;
using Lab.Cli.Tests.Support;
using Lab.Core.Guide;
using Lab.Core.Loading;
using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Instances;
using Xunit.Abstractions;

namespace Lab.Cli.Tests;

/// <summary>
/// One real galera instance on the local target for the guide's tests, brought up by `lab up` and removed at the end.
/// In the machine's own state directory: there its subnet is chosen knowing every other instance on the machine (a
/// private state directory would not see them, and could pick a subnet one of them has).
/// </summary>
public sealed class GuideLabFixture : IAsyncLifetime
{
    public GuideLabFixture() => Cli = new CliRunner(layout: LocalLayout.Default);

    public CliRunner Cli { get; }
    public string Instance { get; } = $"hgt{Guid.NewGuid():N}"[..10];
    public (int Exit, string Output) Up { get; private set; }
    public TimeSpan UpTime { get; private set; }

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        Up = await Cli.RunAsync("up", "galera", "--instance", Instance);
        UpTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        try { await Cli.RunAsync("down", "--instance", Instance); }
        finally { Cli.Dispose(); }
    }
}

/// <summary>
/// `lab guide galera kill-node1-ist` done as a student does it: only the seeds' commands, typed in `lab shell`
/// (`systemctl stop mariadb`, `mariadb -e "CREATE DATABASE lab1"`, `systemctl start mariadb`), while the guide checks
/// each stage with the scenario's own expectations. Also: quit half-way and resume, and `s` solving every stage.
/// Each test starts over (--restart) from a healthy cluster and leaves one.
/// </summary>
// In the real-labs collection, so its `up` never runs beside theirs: they keep a state directory of their own, and two
// ups at the same moment under different state directories can pick the same subnet.
[Collection(RealLabsCollection.Name)]
public sealed class GuideCommandTests(GuideLabFixture lab, ITestOutputHelper log) : IClassFixture<GuideLabFixture>
{
    private GuideProgress Progress() => GuideProgress.TryLoad(lab.Cli.Layout.InstanceDir(lab.Instance))
                                        ?? throw new Xunit.Sdk.XunitException("no guide-progress.json in the instance's directory");

    [Fact]
    public async Task Given_kill_node1_ist_When_a_student_types_only_the_seeds_commands_Then_every_stage_passes_and_the_progress_says_completed()
    {
        Assert.True(lab.Up.Exit == 0, $"lab up exited {lab.Up.Exit}:\n{lab.Up.Output}");
        var clock = Stopwatch.StartNew();
        await using var guide = GuideSession.Start(lab.Cli, lab.Instance, "galera", "kill-node1-ist", "--restart");

        await guide.WaitForAsync("stage 1/4:");
        await guide.ShellAsync("db2", "mariadb -e \"DROP DATABASE IF EXISTS lab1\"");
        await guide.WaitForAsync("✓ stage 1:");

        await guide.WaitForAsync("stage 2/4:");
        await guide.ShellAsync("db1", "systemctl stop mariadb");
        await guide.WaitForAsync("✓ stage 2:");

        await guide.WaitForAsync("stage 3/4:");
        await guide.ShellAsync("db2", "mariadb -e \"CREATE DATABASE lab1\"");
        await guide.WaitForAsync("✓ stage 3:");

        await guide.WaitForAsync("stage 4/4:");
        await guide.ShellAsync("db1", "cat /var/lib/mysql/grastate.dat");
        await guide.ShellAsync("db1", "systemctl start mariadb");
        await guide.ShellAsync("db1", "mariadb -e \"SHOW STATUS LIKE 'wsrep%'\"");
        await guide.WaitForAsync("✓ stage 4:");

        Assert.Equal(0, await guide.EndAsync());
        log.WriteLine($"up {lab.UpTime.TotalSeconds:0.0}s; guided run {clock.Elapsed.TotalSeconds:0.0}s\n{guide.Output}");
        Assert.Contains("completed: kill-node1-ist, 4 stage(s)", guide.Output);
        Assert.Contains($"open a shell on the host: lab shell db1 --instance {lab.Instance}", guide.Output);
        Assert.Contains("    systemctl stop mariadb", guide.Output); // the stage's instructions, as written in the scenario
        Assert.Contains($"from this machine: lab kill db1 --instance {lab.Instance}", guide.Output); // {{instance}} filled in
        Assert.Equal(1, guide.Count("✓ stage 4:"));
        var progress = Progress();
        Assert.Equal(("galera", "kill-node1-ist", lab.Instance, 4, 4, true, "en"),
            (progress.Lab, progress.Scenario, progress.Instance, progress.StagesDone, progress.StagesTotal, progress.Completed, progress.Language));
        Assert.True(DateTimeOffset.UtcNow - progress.UpdatedUtc < TimeSpan.FromMinutes(1), $"progress updated at {progress.UpdatedUtc}");
    }

    [Fact]
    public async Task Given_a_student_who_quits_half_way_When_the_guide_runs_again_Then_it_resumes_at_the_next_stage_in_Korean()
    {
        Assert.True(lab.Up.Exit == 0, $"lab up exited {lab.Up.Exit}:\n{lab.Up.Output}");
        var clock = Stopwatch.StartNew();
        string first;
        await using (var guide = GuideSession.Start(lab.Cli, lab.Instance, "galera", "kill-node1-ist", "--restart", "--lang", "ko"))
        {
            await guide.WaitForAsync("4단계 중 1단계:");
            await guide.ShellAsync("db2", "mariadb -e \"DROP DATABASE IF EXISTS lab1\"");
            await guide.WaitForAsync("✓ 1단계:");
            await guide.WaitForAsync("4단계 중 2단계:");
            await guide.ShellAsync("db1", "systemctl stop mariadb");
            await guide.WaitForAsync("✓ 2단계:");
            await guide.WaitForAsync("4단계 중 3단계:");
            guide.Type("q");
            Assert.Equal(0, await guide.EndAsync());
            first = guide.Output;
        }
        Assert.Contains($"4단계 중 3단계에서 멈춤; 진행 상황 저장됨: lab guide galera kill-node1-ist --instance {lab.Instance}", first);
        var saved = Progress();
        Assert.Equal((2, 4, false, "ko"), (saved.StagesDone, saved.StagesTotal, saved.Completed, saved.Language));
        Assert.True(saved.LogMarks.ContainsKey("db1"), "the mark of db1's log (stage 2) was not saved: a resumed stage 4 would read the whole log");

        // A new process: the same instance, no --restart. A hint comes by itself after a second without progress.
        await using var resumed = GuideSession.Start(lab.Cli, lab.Instance, "galera", "kill-node1-ist", "--lang", "ko", "--hint-after", "1s");
        await resumed.WaitForAsync("4단계 중 3단계:");
        Assert.Contains("저장된 진행 상황에서 이어서 4단계 중 3단계부터 시작", resumed.Output);
        Assert.DoesNotContain("4단계 중 1단계:", resumed.Output);
        await resumed.WaitForAsync("1초 동안 진행이 없어 힌트를 보여 줌:");
        await resumed.WaitForAsync("아직 아님: db3: SHOW DATABASES LIKE 'lab1'");
        await resumed.ShellAsync("db2", "mariadb -e \"CREATE DATABASE lab1\"");
        await resumed.WaitForAsync("✓ 3단계:");
        await resumed.WaitForAsync("4단계 중 4단계:");
        resumed.Type("h");
        await resumed.WaitForAsync("db1 로그에 \"IST received\"가 있어야 한다"); // the stage's own hint, in Korean
        await resumed.ShellAsync("db1", "systemctl start mariadb");
        await resumed.WaitForAsync("✓ 4단계:");
        Assert.Equal(0, await resumed.EndAsync());
        log.WriteLine($"quit and resume {clock.Elapsed.TotalSeconds:0.0}s\n{first}\n--- resumed ---\n{resumed.Output}");

        Assert.Contains("완료: kill-node1-ist, 2개 단계", resumed.Output);
        Assert.True(Progress().Completed);
        var scenario = new ScenarioLoader(new LabCatalog(RepoRoot.Path).Load("galera")).LoadByName("kill-node1-ist");
        // What the lab showed is quoted as it came (a client's "Can't connect ... through socket"): the guide's own lines are checked.
        // The instance's name goes back to the placeholder the instructions were written with, so they are recognised as the author's.
        var ownLines = string.Join("\n", (first + resumed.Output).Split('\n').Where(l => !l.StartsWith("아직 아님:", StringComparison.Ordinal)))
            .Replace($"--instance {lab.Instance}", "--instance {{instance}}", StringComparison.Ordinal);
        Assert.Empty(EnglishLeftovers.In(ownLines, scenario));
    }

    [Fact]
    public async Task Given_a_stuck_student_When_they_type_s_at_every_stage_Then_the_guide_does_each_stage_through_the_engine_and_completes()
    {
        Assert.True(lab.Up.Exit == 0, $"lab up exited {lab.Up.Exit}:\n{lab.Up.Output}");
        var clock = Stopwatch.StartNew();
        // A database left from an earlier try: stage 1 (no lab1) does not hold before its own step, like every later stage.
        await new GuideSessionShell(lab.Cli, lab.Instance).RunAsync("db2", "mariadb -e \"CREATE DATABASE IF NOT EXISTS lab1\"");
        await using var guide = GuideSession.Start(lab.Cli, lab.Instance, "galera", "kill-node1-ist", "--restart");
        for (var stage = 1; stage <= 4; stage++)
        {
            await guide.WaitForAsync($"stage {stage}/4:");
            guide.Type("s");
            await guide.WaitForAsync($"✓ stage {stage}:");
        }
        Assert.Equal(0, await guide.EndAsync());
        log.WriteLine($"solved in {clock.Elapsed.TotalSeconds:0.0}s\n{guide.Output}");
        Assert.Equal(4, guide.Count("solving: the guide does this stage's own steps"));
        Assert.Contains("  db2: DROP DATABASE IF EXISTS lab1", guide.Output);
        Assert.Contains("  kill db1", guide.Output);
        Assert.Contains("  db2: CREATE DATABASE lab1", guide.Output);
        Assert.Contains("  start db1", guide.Output);
        Assert.True(Progress().Completed);
    }

    [Fact]
    public async Task Given_a_scenario_that_needs_the_tools_writer_When_guided_Then_it_is_refused_naming_the_stage_and_lab_run()
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync("guide", "galera", "haproxy-failover");

        Assert.True(exit == ExitCodes.BadInput, $"expected exit 2, got {exit}:\n{output}");
        Assert.Contains("haproxy-failover cannot be guided: stage", output);
        Assert.Contains("lab run galera haproxy-failover", output);
        Assert.False(Directory.Exists(cli.Layout.InstanceDir("galera")), "an instance was made for a scenario that cannot be guided");
    }
}
