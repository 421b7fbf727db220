using Lab.Cli;
using Lab.Core.Loading;
using Lab.Export.Pulumi.Tests.Support;
using Lab.Instances;
using Lab.Targets.Local;
using Spectre.Console;

namespace Lab.Export.Pulumi.Tests;

/// <summary>`lab export pulumi` writes the generated program where asked and refuses clouds it does not know.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("lab-export-tests-").FullName;

    private async Task<(int Exit, string Output)> Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        var layout = new LocalLayout(Path.Combine(_scratch, "state"), Path.Combine(_scratch, "ns"), Path.Combine(_scratch, "cache"));
        var exit = await LabApp.RunAsync(args, console, layout, () => new LabCatalog(RepoRoot.Path));
        return (exit, writer.ToString());
    }

    [Fact]
    public async Task Given_an_output_folder_When_exporting_galera_for_azure_Then_Pulumi_yaml_there_equals_the_generator_output()
    {
        var folder = Path.Combine(_scratch, "out");

        var (exit, output) = await Run("export", "pulumi", "galera", "--cloud", "azure", "-o", folder);

        Assert.True(exit == 0, $"exit {exit}:\n{output}");
        Assert.Equal(new GaleraProgram().Program.Text, File.ReadAllText(Path.Combine(folder, "Pulumi.yaml")));
        Assert.Contains("wrote", output);

        var (again, second) = await Run("export", "pulumi", "galera", "-o", folder);
        Assert.True(again == 0 && second.Contains("unchanged"), $"exit {again}:\n{second}");
    }

    [Fact]
    public async Task Given_prove_with_an_output_folder_When_exporting_Then_it_is_refused_because_the_proof_runs_the_labs_own_program()
    {
        var (exit, output) = await Run("export", "pulumi", "ha-drbd", "--cloud", "azure", "-o", Path.Combine(_scratch, "elsewhere"), "--prove");

        Assert.True(exit == 2, $"exit {exit}:\n{output}");
        Assert.Contains("leave out --output", output);
    }

    [Fact]
    public async Task Given_an_unknown_cloud_or_lab_When_exporting_Then_it_fails_with_a_clear_message()
    {
        var (cloudExit, cloudOutput) = await Run("export", "pulumi", "galera", "--cloud", "aws", "-o", _scratch);
        var (labExit, labOutput) = await Run("export", "pulumi", "nosuchlab", "-o", _scratch);

        Assert.Equal(Lab.Cli.ExitCodes.BadInput, cloudExit);
        Assert.Contains("aws", cloudOutput);
        Assert.Equal(Lab.Cli.ExitCodes.BadInput, labExit);
        Assert.Contains("unknown lab 'nosuchlab'", labOutput);
        Assert.False(File.Exists(Path.Combine(_scratch, "Pulumi.yaml")));
    }

    public void Dispose()
    {
        try { Directory.Delete(_scratch, recursive: true); }
        catch (IOException) { }
    }
}
