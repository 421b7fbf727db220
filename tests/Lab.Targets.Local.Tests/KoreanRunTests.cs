using System.Diagnostics;
using Lab.Core.Loading;
using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Instances;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// `lab run galera kill-node1-ist --lang ko`, the real CLI on a new local instance: bring-up, the scenario, the summary
/// and the removal all in Korean. Its own instance, not the shared fixture's: the bring-up lines are part of the check.
/// </summary>
public sealed class KoreanRunTests : IAsyncLifetime
{
    private readonly string _instance = TestInstances.NewName("ko");

    [Fact]
    public async Task Given_lang_ko_When_running_kill_node1_ist_on_a_new_instance_Then_no_line_is_English_engine_text()
    {
        var catalog = LabCatalog.Locate();
        var clock = Stopwatch.StartNew();

        var (exit, output) = await RunCliAsync(catalog.Root, "run", "galera", "kill-node1-ist", "--lang", "ko", "--instance", _instance);

        var took = clock.Elapsed;
        Assert.True(exit == 0, $"exit {exit} after {took.TotalSeconds:0.0}s:\n{output}");
        var scenario = new ScenarioLoader(catalog.Load("galera")).LoadByName("kill-node1-ist");
        var leftovers = EnglishLeftovers.In(output, scenario);
        Assert.True(leftovers.Count == 0, $"English engine words in the Korean run: {string.Join(", ", leftovers)}; lines:\n" +
            string.Join("\n", output.Split('\n').Where(l => EnglishLeftovers.In(l, scenario).Count > 0)));
        // Each part of the run was printed, in Korean: bring-up, steps, the end of the scenario, the table, the removal.
        foreach (var expected in new[]
                 {
                     EngineText.BringUp.InstanceClaimed.In(Language.Ko, _instance, "", "").Split(':')[0],
                     EngineText.BringUp.WaitSynced.In(Language.Ko, "db1, db2, db3", 3),
                     $"{EngineText.Run.Do.In(Language.Ko)} {EngineText.Actions.Kill.In(Language.Ko, "db1")}",
                     EngineText.Expectations.AllAsExpected.In(Language.Ko),
                     $"{EngineText.Run.Passed.In(Language.Ko)} kill-node1-ist: ",
                     EngineText.Run.ColumnWaiting.In(Language.Ko),
                     EngineText.Run.InstanceRemoved.In(Language.Ko, _instance),
                 })
            Assert.True(output.Contains(expected, StringComparison.Ordinal), $"missing '{expected}' in:\n{output}");
        Assert.False(Directory.Exists(LocalLayout.Default.InstanceDir(_instance)), "the run did not remove the instance it made");
    }

    /// <summary>The built CLI as a user runs it: its output is not a terminal, so Spectre lays it out for 80 columns.</summary>
    private static async Task<(int Exit, string Output)> RunCliAsync(string home, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lab.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LAB_HOME"] = home;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`lab {string.Join(' ', args)}` did not finish within 5 minutes:\n{await stdout}");
        }
        return (process.ExitCode, (await stdout + await stderr).ReplaceLineEndings("\n"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // The run removes its instance itself; this covers a run that failed half-way.
    public async Task DisposeAsync() => await Reaper.DownAsync(LocalLayout.Default, _instance, CancellationToken.None);
}
