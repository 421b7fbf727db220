using Lab.Cli;
using Spectre.Console;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// The real `lab` command tree in-process on a fixture's instance, as a student uses it: `lab shell HOST -- sh -c '...'`
/// for what they type in a host, `lab COMMAND` for the rest. Standard output and error in one text, as a terminal shows them.
/// </summary>
internal sealed class TypedCommands(LocalLabFixture lab)
{
    /// <summary>A command typed in the host's shell that must succeed, as the student sees it succeed.</summary>
    public async Task TypedAsync(string host, string script)
    {
        var (exit, text) = await ShellAsync(host, script);
        Assert.True(exit == 0, $"{host}$ {script}\nexit {exit}:\n{text}");
    }

    public Task<(int Exit, string Out)> ShellAsync(string host, string script) =>
        RunAsync(["shell", host, "--instance", lab.InstanceName, "--", "sh", "-c", script]);

    public Task<(int Exit, string Out)> LabAsync(params string[] args) => RunAsync([.. args, "--instance", lab.InstanceName]);

    private async Task<(int Exit, string Out)> RunAsync(string[] args)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        var exit = await LabApp.RunAsync(args, console, lab.Layout, () => lab.Catalog);
        return (exit, text.ToString().ReplaceLineEndings("\n"));
    }
}
