using Lab.Core.Loading;
using Lab.Instances;
using Lab.Targets.Local;
using Spectre.Console;

namespace Lab.Cli.Tests.Support;

/// <summary>Runs the `lab` command tree in-process with a plain-text console and throwaway state directories.</summary>
public sealed class CliRunner : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("lab-cli-tests-").FullName;

    /// <param name="layout">Where instances live; default: throwaway directories (no lab can be brought up there).</param>
    public CliRunner(string? catalogRoot = null, LocalLayout? layout = null)
    {
        CatalogRoot = catalogRoot ?? RepoRoot.Path;
        Layout = layout ?? new LocalLayout(Path.Combine(_scratch, "state"), Path.Combine(_scratch, "ns"), Path.Combine(_scratch, "cache"));
    }

    public string CatalogRoot { get; }
    public LocalLayout Layout { get; }
    public string Scratch => _scratch;

    /// <summary>The console's width in columns (a terminal's is often 80).</summary>
    public int Width { get; set; } = 1000;

    public async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var writer = new StringWriter();
        var console = PlainConsole(writer);
        console.Profile.Width = Width;
        var exit = await LabApp.RunAsync(args, console, Layout, () => new LabCatalog(CatalogRoot));
        return (exit, writer.ToString().ReplaceLineEndings("\n"));
    }

    /// <summary>Like <see cref="RunAsync"/>, with standard output and standard error kept apart, as a script piping `lab` sees them.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunSplitAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var console = PlainConsole(stdout);
        console.Profile.Width = Width;
        var exit = await LabApp.RunAsync(args, console, Layout, () => new LabCatalog(CatalogRoot), error: stderr);
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString().ReplaceLineEndings("\n"));
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
