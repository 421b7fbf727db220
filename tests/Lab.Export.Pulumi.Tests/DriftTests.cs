using Lab.Export.Pulumi.Tests.Support;

namespace Lab.Export.Pulumi.Tests;

/// <summary>Each committed program (every lab that runs on Azure) is what the generator produces from the lab and templates today.</summary>
public sealed class DriftTests
{
    [Theory]
    [MemberData(nameof(AzureLabsTests.Exported), MemberType = typeof(AzureLabsTests))]
    public void Given_a_committed_program_When_compared_with_a_fresh_export_Then_they_are_identical(string lab)
    {
        var program = new GaleraProgram(lab);
        var committed = Path.Combine(RepoRoot.Path, "labs", lab, "Pulumi.yaml");

        Assert.True(File.Exists(committed), $"{committed} is missing; run: ./lab export pulumi {lab} --cloud azure");
        var text = File.ReadAllText(committed);
        if (text == program.Program.Text) return;
        var a = text.Split('\n');
        var b = program.Program.Text.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"labs/{lab}/Pulumi.yaml drifted from the generator at line {line + 1}:\n" +
                    $"  committed: {(line < a.Length ? a[line] : "<end>")}\n  generated: {(line < b.Length ? b[line] : "<end>")}\n" +
                    $"run: ./lab export pulumi {lab} --cloud azure");
    }

    [Fact]
    public void Given_the_same_lab_When_exported_twice_Then_the_bytes_are_the_same()
    {
        Assert.Equal(new GaleraProgram().Program.Text, new GaleraProgram().Program.Text);
    }
}
