using Lab.Cli;
using Spectre.Console;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// The real `lab` command tree, in-process, on a fixture's lab: standard output and standard error kept apart, as a
/// script running `lab` sees them. Neither is a terminal.
/// </summary>
internal static class InProcessCli
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(LocalLabFixture lab, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        var exit = await LabApp.RunAsync([.. args, "--instance", lab.InstanceName], console, lab.Layout, () => lab.Catalog, error: stderr);
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
    }
}
