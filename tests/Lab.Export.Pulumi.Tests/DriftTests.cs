using Lab.Export.Pulumi.Tests.Support;

namespace Lab.Export.Pulumi.Tests;

/// <summary>The committed program is what the generator produces from the lab and templates today.</summary>
public sealed class DriftTests
{
    [Fact]
    public void Given_the_committed_galera_program_When_compared_with_a_fresh_export_Then_they_are_identical()
    {
        var galera = new GaleraProgram();
        var committed = Path.Combine(RepoRoot.Path, "labs", "galera", "Pulumi.yaml");

        Assert.True(File.Exists(committed), $"{committed} is missing; run: ./lab export pulumi galera --cloud azure");
        var text = File.ReadAllText(committed);
        if (text == galera.Program.Text) return;
        var a = text.Split('\n');
        var b = galera.Program.Text.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"labs/galera/Pulumi.yaml drifted from the generator at line {line + 1}:\n" +
                    $"  committed: {(line < a.Length ? a[line] : "<end>")}\n  generated: {(line < b.Length ? b[line] : "<end>")}\n" +
                    "run: ./lab export pulumi galera --cloud azure");
    }

    [Fact]
    public void Given_the_same_lab_When_exported_twice_Then_the_bytes_are_the_same()
    {
        Assert.Equal(new GaleraProgram().Program.Text, new GaleraProgram().Program.Text);
    }
}
