using Lab.Core.Scenarios;
using Spectre.Console;

namespace Lab.Cli.Views;

/// <summary>Prints a run live: each stage's title, then each step with its time, duration and outcome.</summary>
internal sealed class ScenarioConsoleObserver(IAnsiConsole console, string language) : IScenarioObserver
{
    public void ScenarioStarted(Scenario scenario)
    {
        console.WriteLine();
        console.MarkupLineInterpolated($"[bold]▶ {scenario.Name}[/]: {scenario.Title.In(language)}");
        if (scenario.Explain.In(language) is { Length: > 0 } explain)
            console.MarkupLineInterpolated($"[grey]{explain}[/]");
    }

    public void StageStarted(int index, Stage stage)
    {
        console.MarkupLineInterpolated($"  [blue]{index + 1}. {stage.Title.In(language)}[/]");
        if (stage.Explain.In(language) is { Length: > 0 } explain)
            console.MarkupLineInterpolated($"     [grey]{explain}[/]");
    }

    public void StepFinished(StepResult step)
    {
        var mark = step.Passed ? "[green]✓[/]" : "[red]✗[/]";
        var verb = step.Kind == StepKind.Action ? "do    " : "expect";
        console.MarkupLine($"     {mark} [grey]{step.Start.TotalSeconds,6:0.00}s +{step.Duration.TotalSeconds,5:0.00}s[/] {verb} {Markup.Escape(step.Description)}");
        if (step.Detail is { Length: > 0 } detail)
            console.MarkupLine(step.Passed ? $"                          [grey]{Markup.Escape(detail)}[/]" : $"       [red]{Markup.Escape(detail)}[/]");
    }

    public void ScenarioFinished(ScenarioResult result) =>
        console.MarkupLine(result.NotRunReason is { } why
            ? $"  [yellow]not run[/] {Markup.Escape(result.Scenario.Name)}: {Markup.Escape(why)}"
            : result.Passed
            ? $"  [green]passed[/] {Markup.Escape(result.Scenario.Name)} in {result.Duration.TotalSeconds:0.0}s (waiting on the database {result.WaitingOnDatabase.TotalSeconds:0.0}s, actions {result.InActions.TotalSeconds:0.0}s)"
            : $"  [red]FAILED[/] {Markup.Escape(result.Scenario.Name)} after {result.Duration.TotalSeconds:0.0}s");

    public void Note(string message) => console.MarkupLineInterpolated($"     [grey]· {message}[/]");
}
