using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Spectre.Console;

namespace Lab.Cli.Views;

/// <summary>The table `lab run` ends with, one row per scenario, and its count line ("5 passed, 1 not run"), in the run's language.</summary>
internal static class RunSummary
{
    /// <param name="restores">How the lab was brought back before a scenario, when that took more than waiting in place.</param>
    public static void Write(IAnsiConsole console, IReadOnlyList<ScenarioResult> results, Language language = Language.En, IReadOnlyList<string>? restores = null)
    {
        var table = new Table().AddColumns(EngineText.Run.ColumnScenario.In(language), EngineText.Run.ColumnResult.In(language),
            EngineText.Run.ColumnSeconds.In(language), EngineText.Run.ColumnWaiting.In(language), EngineText.Run.ColumnActions.In(language));
        foreach (var r in results)
            if (r.NotRun) table.AddRow(Markup.Escape(r.Scenario.Name), $"[yellow]{EngineText.Run.NotRun.In(language)}[/]", "-", "-", "-");
            else
                table.AddRow(Markup.Escape(r.Scenario.Name), r.Passed ? $"[green]{EngineText.Run.Passed.In(language)}[/]" : $"[red]{EngineText.Run.Failed.In(language)}[/]",
                    $"{r.Duration.TotalSeconds:0.0}", $"{r.WaitingOnDatabase.TotalSeconds:0.0}", $"{r.InActions.TotalSeconds:0.0}");
        console.Write(table);
        foreach (var r in results.Where(r => r.NotRun))
            console.MarkupLineInterpolated($"[yellow]{EngineText.Run.NotRunBecause.In(language, r.Scenario.Name, r.NotRunReason!)}[/]");
        foreach (var line in restores ?? []) console.MarkupLineInterpolated($"[grey]{line}[/]");
        console.WriteLine(CountLine(results, language));
    }

    /// <summary>
    /// "6 passed, 0 failed" as always; with scenarios not run, their count, and the failures only when there are some:
    /// "5 passed, 1 not run", "4 passed, 1 failed, 1 not run".
    /// </summary>
    public static string CountLine(IReadOnlyList<ScenarioResult> results, Language language = Language.En)
    {
        var failed = results.Count(r => r.Failed);
        var notRun = results.Count(r => r.NotRun);
        var parts = new List<string> { EngineText.Run.CountPassed.In(language, results.Count(r => r.Passed)) };
        if (failed > 0 || notRun == 0) parts.Add(EngineText.Run.CountFailed.In(language, failed));
        if (notRun > 0) parts.Add(EngineText.Run.CountNotRun.In(language, notRun));
        return string.Join(", ", parts);
    }
}
