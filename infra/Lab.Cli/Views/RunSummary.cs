using Lab.Core.Scenarios;
using Spectre.Console;

namespace Lab.Cli.Views;

/// <summary>The table `lab run` ends with, one row per scenario, and its count line ("5 passed, 1 not run").</summary>
internal static class RunSummary
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ScenarioResult> results)
    {
        var table = new Table().AddColumns("scenario", "result", "seconds", "waiting on DB", "actions");
        foreach (var r in results)
            if (r.NotRun) table.AddRow(Markup.Escape(r.Scenario.Name), "[yellow]not run[/]", "-", "-", "-");
            else
                table.AddRow(Markup.Escape(r.Scenario.Name), r.Passed ? "[green]passed[/]" : "[red]FAILED[/]",
                    $"{r.Duration.TotalSeconds:0.0}", $"{r.WaitingOnDatabase.TotalSeconds:0.0}", $"{r.InActions.TotalSeconds:0.0}");
        console.Write(table);
        foreach (var r in results.Where(r => r.NotRun))
            console.MarkupLineInterpolated($"[yellow]{r.Scenario.Name}[/]: not run: {r.NotRunReason}");
        console.WriteLine(CountLine(results));
    }

    /// <summary>
    /// "6 passed, 0 failed" as always; with scenarios not run, their count, and the failures only when there are some:
    /// "5 passed, 1 not run", "4 passed, 1 failed, 1 not run".
    /// </summary>
    public static string CountLine(IReadOnlyList<ScenarioResult> results)
    {
        var failed = results.Count(r => r.Failed);
        var notRun = results.Count(r => r.NotRun);
        var parts = new List<string> { $"{results.Count(r => r.Passed)} passed" };
        if (failed > 0 || notRun == 0) parts.Add($"{failed} failed");
        if (notRun > 0) parts.Add($"{notRun} not run");
        return string.Join(", ", parts);
    }
}
