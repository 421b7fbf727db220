using Lab.Core.Checks;
using Lab.Core.Messages;
using Lab.Core.Model;
using Lab.Core.Scenarios;
using Spectre.Console;
using T = Lab.Core.Messages.EngineText.Checks;

namespace Lab.Cli.Views;

/// <summary>`lab check`'s report: one line per item (✓/✗, id, title), what was seen and the hint under each failure, the score.</summary>
internal static class CheckView
{
    /// <param name="lab">The instance's lab: titles and hints name its own addresses.</param>
    public static void Render(IAnsiConsole console, CheckReport report, IReadOnlyList<LabCheck> checks, LabDefinition lab, Language language, string savedTo)
    {

        console.MarkupLineInterpolated($"[bold]{T.Header.In(language, report.Lab, report.Instance, report.CheckedUtc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'"))}[/]");
        var width = checks.Max(c => c.Id.Length);
        foreach (var (item, check) in report.Items.Zip(checks))
        {
            var title = ScenarioText.Expand(check.Title.In(language), lab);
            if (item.Passed)
            {
                console.MarkupLineInterpolated($" [green]{T.Pass.In(language)}[/] {check.Id.PadRight(width)}  {title}");
                continue;
            }
            console.MarkupLineInterpolated($" [red]{T.Fail.In(language)}[/] {check.Id.PadRight(width)}  {title}");
            var indent = new string(' ', width + 5);
            console.MarkupLineInterpolated($"[grey]{indent}{T.Seen.In(language, Shorten(item.Detail))}[/]");
            console.MarkupLineInterpolated($"[yellow]{indent}{T.Hint.In(language, ScenarioText.Expand(check.Hint.In(language), lab))}[/]");
        }
        var score = T.Score.In(language, report.Passed, report.Total, report.Percent);
        if (report.AllPassed) console.MarkupLineInterpolated($"[green]{score} · {T.AllPassed.In(language)}[/]");
        else console.MarkupLineInterpolated($"[red]{score}[/] · {T.SomeFailed.In(language, report.Total - report.Passed)}");
        console.MarkupLineInterpolated($"[grey]{T.SavedTo.In(language, savedTo)}[/]");
    }

    /// <summary>A probe's observation can be a whole file or a long command output: one line, cut, is enough to point.</summary>
    private static string Shorten(string detail)
    {
        var line = detail.ReplaceLineEndings(" ");
        return line.Length > 400 ? line[..400] + "…" : line;
    }
}
