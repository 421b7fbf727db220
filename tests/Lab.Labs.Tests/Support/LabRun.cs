using Lab.Cli;
using Lab.Core.Loading;
using Lab.Instances;
using Lab.Targets.Local;
using Spectre.Console;

namespace Lab.Labs.Tests.Support;

/// <summary>
/// Runs the real `lab` command tree in-process against the local target with its default state directory, so
/// subnets are allocated around every other instance on the machine, under a unique instance name;
/// <see cref="DisposeAsync"/> always runs `lab down` for that name (and only that name).
/// </summary>
public sealed class LabRun : IAsyncLifetime
{
    public LabRun(string lab)
    {
        Lab = lab;
        // Short and unique: other runs (and other people's labs) may be up on the same machine.
        Instance = $"t{lab[..3]}{Environment.ProcessId % 100000}{Random.Shared.Next(100, 999)}";
        Layout = LocalLayout.Default;
    }

    public string Lab { get; }
    public string Instance { get; }
    public LocalLayout Layout { get; }

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        var exit = await LabApp.RunAsync(args, console, Layout, () => new LabCatalog(RepoRoot.Path));
        return (exit, writer.ToString().ReplaceLineEndings("\n"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await RunAsync("down", "--instance", Instance);
}
