using System.Diagnostics;
using Lab.Cli;
using Lab.Core.Hosts;
using Lab.Core.Loading;
using Lab.Instances;
using Lab.Instances.Class;
using Lab.Reports.Tests.Browser;
using Spectre.Console;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// Class mode end to end with two real Unix accounts: `lab class up` gives each an instance, `lab class sudo-rule
/// --install` lets them run `sudo lab ...`, and through it the second student cannot touch the first's instance (exit
/// 77, logged) while their own works; their hosts cannot reach the other's network; `lab class down` removes exactly
/// the class's instances and the rule, and leaves an instance outside the class alone.
/// </summary>
public sealed class ClassModeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LabCatalog _catalog = LabCatalog.Locate();
    private readonly LocalLayout _layout = LocalLayout.Default;
    private readonly string _class = TestInstances.NewName("cl")[..14];
    private readonly string _alice = TestInstances.NewName("ca");
    private readonly string _bob = TestInstances.NewName("cb");
    private readonly string _bystander = TestInstances.NewName("cx");
    private ThrowawayUser? _aliceUser, _bobUser;
    private string _roster = "";
    private string Wrapper => Path.Combine(ClassRecord.Dir(_layout), _class + "-lab");

    [Fact]
    public async Task Given_a_class_of_two_When_the_second_student_reaches_for_the_first_ones_instance_Then_it_is_refused_logged_and_unreachable()
    {
        var clock = Stopwatch.StartNew();
        var up = await RootAsync("class", "up", "galera", "--roster", _roster, "--name", _class);
        Assert.True(up.Exit == 0, $"class up: exit {up.Exit}:\n{up.Output}");
        output.WriteLine($"class up (2 galera instances): {clock.Elapsed.TotalSeconds:0.0}s");
        var rule = await RootAsync("class", "sudo-rule", "--install", "--name", _class, "--wrapper", Wrapper);
        Assert.True(rule.Exit == 0, $"sudo-rule --install: exit {rule.Exit}:\n{rule.Output}");
        Assert.True(File.Exists($"/etc/sudoers.d/lab-class-{_class}"), rule.Output);

        // Each student's own instance answers, without naming it.
        var bobSql = await StudentAsync(_bobUser!, "sql", "db1", "SELECT @@wsrep_node_address");
        var aliceSql = await StudentAsync(_aliceUser!, "sql", "db1", "SELECT @@wsrep_node_address");
        Assert.True(bobSql.Exit == 0 && aliceSql.Exit == 0, $"own instance: bob exit {bobSql.Exit}: {bobSql.Output}\nalice exit {aliceSql.Exit}: {aliceSql.Output}");
        var aliceDb1 = aliceSql.Output.Split('\n', StringSplitOptions.TrimEntries).Last(l => l.Length > 0);
        var bobDb1 = bobSql.Output.Split('\n', StringSplitOptions.TrimEntries).Last(l => l.Length > 0);
        Assert.NotEqual(aliceDb1, bobDb1);

        // Bob reaching for Alice's instance, or for the instructor's commands: refused with 77, each written to the log.
        var logBefore = File.Exists(ClassRecord.AccessLog(_layout)) ? File.ReadAllLines(ClassRecord.AccessLog(_layout)).Length : 0;
        foreach (var attempt in new[]
                 {
                     new[] { "shell", "db1", "--instance", _alice, "--", "true" }, ["kill", "db1", "--instance", _alice], ["down", "--instance", _alice],
                     ["down", "--all"], ["class", "down", "--name", _class], ["exec", "--", "true"],
                 })
        {
            var refused = await StudentAsync(_bobUser!, attempt);
            Assert.True(refused.Exit == ExitCodes.NotAllowed && refused.Output.Contains(_bob),
                $"`sudo lab {string.Join(' ', attempt)}` as {_bobUser!.Name}: expected exit 77 naming their own instance, got {refused.Exit}:\n{refused.Output}");
        }
        var logged = File.ReadAllLines(ClassRecord.AccessLog(_layout)).Skip(logBefore).ToList();
        Assert.True(logged.Count == 6 && logged.All(l => l.Contains($"user={_bobUser!.Name}")) && logged[0].Contains($"--instance {_alice}"),
            "access log:\n" + string.Join('\n', logged));
        var aliceStill = await StudentAsync(_aliceUser!, "status");
        Assert.True(aliceStill.Exit == 0, $"Alice's instance after Bob's attempts: exit {aliceStill.Exit}:\n{aliceStill.Output}");

        // Bob's hosts have no route to Alice's network: the connection fails at once as unreachable (errno 101).
        var across = await StudentAsync(_bobUser!, "shell", "db1", "--", "mariadb", "--connect-timeout=3", "-h", aliceDb1, "-u", "app", "-e", "SELECT 1");
        Assert.True(across.Exit != 0 && across.Output.Contains("(101)"), $"from Bob's db1 to Alice's {aliceDb1}: exit {across.Exit}:\n{across.Output}");

        // What a student does in class, through the same rule: a check of their own lab, a guide left half-way.
        var check = await StudentAsync(_bobUser!, "check", "galera");
        Assert.True(check.Exit == 0 && check.Output.Contains("100%"), $"Bob's `sudo lab check galera`: exit {check.Exit}:\n{check.Output}");
        var guide = await StudentWithInputAsync(_aliceUser!, "q\n", "guide", "galera", "kill-node1-ist");
        Assert.True(guide.Exit == 0, $"Alice's `sudo lab guide galera kill-node1-ist`, quit at once: exit {guide.Exit}:\n{guide.Output}");

        var csv = Path.Combine(Path.GetDirectoryName(_roster)!, "class.csv");
        var sheet = await RootAsync("class", "status", "--name", _class, "--csv", csv);
        Assert.True(sheet.Exit == 0, $"class status: exit {sheet.Exit}:\n{sheet.Output}");
        var rows = File.ReadAllLines(csv);
        Assert.True(rows.Length == 3 && rows[1].StartsWith($"{_alice},{_aliceUser!.Name},{_alice},healthy,,kill-node1-ist ") &&
                    rows[2].StartsWith($"{_bob},{_bobUser!.Name},{_bob},healthy,,,") && rows[2].EndsWith("(100%)"),
            string.Join('\n', rows));

        // The sheet as a page, in Korean, as Chromium shows it: a row per student, no console line.
        var results = Path.Combine(_catalog.Root, "out", "test-results");
        Directory.CreateDirectory(results);
        var page = Path.Combine(results, "class-sheet-ko.html");
        var shot = Path.Combine(results, "class-sheet-ko.png");
        var htmlSheet = await RootAsync("class", "status", "--name", _class, "--html", page, "--lang", "ko");
        Assert.True(htmlSheet.Exit == 0, $"class status --html: exit {htmlSheet.Exit}:\n{htmlSheet.Output}");
        var (dom, console) = await HeadlessChromium.LoadAsync(page, shot, width: 1100, height: 500);
        Assert.True(console.Count == 0, "console: " + string.Join('\n', console));
        Assert.Contains($"data-student=\"{_alice}\"", dom);
        Assert.Contains($"data-student=\"{_bob}\"", dom);
        Assert.Contains("<th>학생</th>", dom);
        output.WriteLine($"class sheet: {page}, screenshot {shot}");

        var down = await RootAsync("class", "down", "--name", _class);
        Assert.True(down.Exit == 0, $"class down: exit {down.Exit}:\n{down.Output}");
        var left = Reaper.ExistingInstances(_layout);
        Assert.DoesNotContain(_alice, left);
        Assert.DoesNotContain(_bob, left);
        Assert.Contains(_bystander, left);
        Assert.False(File.Exists($"/etc/sudoers.d/lab-class-{_class}") || File.Exists(Wrapper), down.Output);
        output.WriteLine($"whole test: {clock.Elapsed.TotalSeconds:0.0}s");
    }

    public async Task InitializeAsync()
    {
        _aliceUser = await ThrowawayUser.CreateAsync("lca");
        _bobUser = await ThrowawayUser.CreateAsync("lcb");
        var dir = Directory.CreateTempSubdirectory("lab-class-");
        _roster = Path.Combine(dir.FullName, "students.csv");
        await File.WriteAllTextAsync(_roster, $"# a test class\nname,user\n{_alice},{_aliceUser.Name}\n{_bob},{_bobUser.Name}\n");
        var bystander = await RootAsync("up", "replication", "--instance", _bystander);
        Assert.True(bystander.Exit == 0, $"bystander: exit {bystander.Exit}:\n{bystander.Output}");
    }

    public async Task DisposeAsync()
    {
        if (ClassRecord.TryLoad(_layout, _class) is not null) await RootAsync("class", "down", "--name", _class);
        await RootAsync("down", "--instance", _bystander);
        if (_aliceUser is not null) await _aliceUser.DisposeAsync();
        if (_bobUser is not null) await _bobUser.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(_roster)!, recursive: true);
    }

    /// <summary>The instructor: the command tree in-process, as root.</summary>
    private async Task<(int Exit, string Output)> RootAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        var exit = await LabApp.RunAsync(args, console, _layout, () => _catalog);
        return (exit, writer.ToString());
    }

    /// <summary>A student: their own login environment, then `sudo -n` on the class's wrapper (no password may be asked).</summary>
    private Task<(int Exit, string Output)> StudentAsync(ThrowawayUser user, params string[] args) => StudentWithInputAsync(user, null, args);

    private async Task<(int Exit, string Output)> StudentWithInputAsync(ThrowawayUser user, string? input, params string[] args)
    {
        CommandResult r = await ProcessRunner.RunAsync("runuser",
            ["-u", user.Name, "--", "env", "-i", "-C", user.Home, $"HOME={user.Home}", $"USER={user.Name}", "PATH=/usr/bin:/bin", "sudo", "-n", Wrapper, .. args],
            stdin: input, timeout: TimeSpan.FromMinutes(2));
        return (r.ExitCode, r.Stdout + r.Stderr);
    }
}
