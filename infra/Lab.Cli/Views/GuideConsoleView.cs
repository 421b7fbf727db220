using Lab.Core.Guide;
using Spectre.Console;

namespace Lab.Cli.Views;

/// <summary>The guide's lines on the terminal: titles bold, what to type in cyan, ✓ in green, hints in yellow.</summary>
internal sealed class GuideConsoleView(IAnsiConsole console) : IGuideView
{
    private readonly object _gate = new();

    public void Show(GuideLine kind, string text)
    {
        var style = kind switch
        {
            GuideLine.Title => "bold",
            GuideLine.Command => "cyan",
            GuideLine.Note => "grey",
            GuideLine.Passed => "green",
            GuideLine.Hint => "yellow",
            GuideLine.Problem => "red",
            _ => null,
        };
        var body = Markup.Escape(text);
        lock (_gate)
        {
            if (kind == GuideLine.Title) console.WriteLine();
            console.MarkupLine(style is null ? body : $"[{style}]{body}[/]");
        }
    }
}
