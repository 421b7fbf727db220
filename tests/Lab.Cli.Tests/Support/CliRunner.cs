using Lab.Core.Loading;
using Lab.Instances;
using Lab.Targets.Local;
using Spectre.Console;

namespace Lab.Cli.Tests.Support;

/// <summary>Runs the `lab` command tree in-process with a plain-text console and throwaway state directories.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("lab-cli-tests-").FullName;

    public CliRunner(string? catalogRoot = null)
    {
        CatalogRoot = catalogRoot ?? RepoRoot.Path;
        Layout = new LocalLayout(Path.Combine(_scratch, "state"), Path.Combine(_scratch, "ns"), Path.Combine(_scratch, "cache"));
    }

    public string CatalogRoot { get; }
    public LocalLayout Layout { get; }
    public string Scratch => _scratch;

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = PlainConsole(writer);
        var exit = await LabApp.RunAsync(args, console, Layout, () => new LabCatalog(CatalogRoot));
        return (exit, writer.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>A console with no colours or terminal, writing to <paramref name="writer"/>; wide enough that Spectre never wraps a file:line message.</summary>
    public static IAnsiConsole PlainConsole(StringWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        return console;
    }

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>The repository this test assembly was built from: the first folder above it holding labs/ and templates/.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Lab.Core.Loading.LabCatalog.Locate().Root;
}
