using Lab.Core.Status;
using Lab.Core.Status.Health;
using Spectre.Console;

namespace Lab.Cli.Views;

/// <summary>
/// Renders a <see cref="LabStatus"/>: a borderless table whose columns the lab's aspects choose, short cells that fit
/// 80 columns (a server that gives no reading shows a word such as "down"), then the details below it: the virtual
/// IP, what the column names stand for, and the verdict with each problem's host, reason and next command.
/// </summary>
internal static class StatusView
{
    public static void Render(IAnsiConsole console, LabStatus status)
    {
        console.MarkupLineInterpolated($"[bold]{status.Lab}[/] · instance {status.Instance} · {status.Target} · {status.Subnet}");
        console.Write(StatusTable.Build(status));
        if (status.Aspects.VirtualIp is { } vip)
            console.MarkupLineInterpolated($"virtual IP {vip}: {VipHolders(status)}");
        foreach (var legend in StatusTable.Legends(status.Aspects))
            console.MarkupLineInterpolated($"[grey]{legend}[/]");
        RenderVerdict(console, status);
    }

    /// <summary>"healthy: what that means here", or "not healthy:" and each problem with its next command.</summary>
    public static void RenderVerdict(IAnsiConsole console, LabStatus status)
    {
        var problems = status.Problems;
        if (problems.Count == 0)
        {
            console.MarkupLineInterpolated($"[green]healthy[/]: {LabHealth.Describe(status.Aspects)}");
            return;
        }
        console.MarkupLine("[yellow]not healthy:[/]");
        RenderProblems(console, problems);
    }

    public static void RenderProblems(IAnsiConsole console, IEnumerable<HealthProblem> problems)
    {
        foreach (var p in problems)
        {
            Indented(console, 2, Markup.FromInterpolated($"[red]{p.Host}[/]: {p.What}"));
            if (p.Detail is { } detail) Indented(console, 4, Markup.FromInterpolated($"[grey]{detail}[/]"));
            Indented(console, 4, Markup.FromInterpolated($"next: [blue]{p.Next}[/]"));
        }
    }

    /// <summary>A paragraph whose wrapped lines keep its indentation, so each problem stays a block of its own.</summary>
    private static void Indented(IAnsiConsole console, int by, Markup text) => console.Write(new Padder(text, new Padding(by, 0, 0, 0)));

    private static string VipHolders(LabStatus status) => status.VipHolders switch
    {
        [] => "held by nobody",
        [var one] => $"on {one}",
        var several => $"on {string.Join(" and ", several)} (more than one)",
    };
}
