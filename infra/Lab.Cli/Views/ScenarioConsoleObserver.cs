using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Spectre.Console;

namespace Lab.Cli.Views;

/// <summary>
/// Prints a run live, in the run's language: each stage's title, then each step with its time, duration and outcome.
/// Long lines are wrapped under their own start (an explanation under its stage, a step's detail under the step), one
/// observation per line: three nodes' Galera status do not fit 80 columns on one.
/// </summary>
internal sealed class ScenarioConsoleObserver(IAnsiConsole console, Language language) : IScenarioObserver
{
    private const int DetailIndent = 26;
    private const int FailureIndent = 7;

    // "do" and "expect" padded to one width in cells, so descriptions line up (Hangul takes two cells a letter).
    private readonly string _do = Padded(EngineText.Run.Do.In(language), EngineText.Run.Expect.In(language));
    private readonly string _expect = Padded(EngineText.Run.Expect.In(language), EngineText.Run.Do.In(language));

    public void ScenarioStarted(Scenario scenario)
    {
        console.WriteLine();
        console.MarkupLineInterpolated($"[bold]▶ {scenario.Name}[/]: {scenario.Title.In(language)}");
        if (scenario.Explain.In(language) is { Length: > 0 } explain)
            Write("", 0, explain, "grey");
    }

    public void StageStarted(int index, Stage stage)
    {
        console.MarkupLineInterpolated($"  [blue]{index + 1}. {stage.Title.In(language)}[/]");
        if (stage.Explain.In(language) is { Length: > 0 } explain)
            Write("     ", 5, explain, "grey");
    }

    public void StepFinished(StepResult step)
    {
        var mark = step.Passed ? "[green]✓[/]" : "[red]✗[/]";
        var verb = step.Kind == StepKind.Action ? _do : _expect;
        var times = $"{step.Start.TotalSeconds,6:0.00}s +{step.Duration.TotalSeconds,5:0.00}s";
        Write($"     {mark} [grey]{times}[/] {verb} ", 5 + 2 + times.Length + 1 + TerminalLines.Cells(verb) + 1, step.Description, null);
        if (step.Detail is not { Length: > 0 } detail) return;
        if (!step.Passed)
            Write(new string(' ', FailureIndent), FailureIndent, detail, "red");
        else
            foreach (var part in detail.Split("; "))
                Write(new string(' ', DetailIndent), DetailIndent, part, "grey", DetailIndent + 2); // a node's wrapped status hangs under its name
    }

    public void ScenarioFinished(ScenarioResult result) =>
        console.MarkupLine(result.NotRunReason is { } why
            ? $"  [yellow]{EngineText.Run.NotRun.In(language)}[/] {Markup.Escape($"{result.Scenario.Name}: {why}")}"
            : result.Passed
            ? $"  [green]{EngineText.Run.Passed.In(language)}[/] " + Markup.Escape(EngineText.Run.PassedIn.In(language, result.Scenario.Name,
                result.Duration.TotalSeconds, result.WaitingOnDatabase.TotalSeconds, result.InActions.TotalSeconds))
            : $"  [red]{EngineText.Run.Failed.In(language)}[/] " + Markup.Escape(EngineText.Run.FailedAfter.In(language, result.Scenario.Name, result.Duration.TotalSeconds)));

    public void Note(string message) => Write("     [grey]·[/] ", 7, message, "grey");

    /// <summary>
    /// Plain <paramref name="text"/> after a markup <paramref name="prefix"/> of <paramref name="indent"/> cells, wrapped
    /// under its own start, or at <paramref name="continuation"/> cells when given.
    /// </summary>
    private void Write(string prefix, int indent, string text, string? style, int? continuation = null)
    {
        var next = continuation ?? indent;
        var lines = TerminalLines.Wrap(text, Math.Max(20, console.Profile.Width - indent), Math.Max(20, console.Profile.Width - next));
        for (var i = 0; i < lines.Count; i++)
        {
            var body = Markup.Escape(lines[i]);
            console.MarkupLine((i == 0 ? prefix : new string(' ', next)) + (style is null ? body : $"[{style}]{body}[/]"));
        }
    }

    private static string Padded(string word, string other) => word + new string(' ', Math.Max(0, TerminalLines.Cells(other) - TerminalLines.Cells(word)));
}
