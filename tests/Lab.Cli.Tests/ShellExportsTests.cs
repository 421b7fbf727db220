using System.Diagnostics;
using Lab.Cli.Views;

namespace Lab.Cli.Tests;

/// <summary>`lab env`'s quoting, checked by the shell it is for: bash gives back every value exactly as it was.</summary>
public sealed class ShellExportsTests
{
    [Fact]
    public async Task Given_values_with_quotes_dollars_backticks_and_newlines_When_exported_and_evaluated_by_bash_Then_each_comes_back_unchanged()
    {
        string[] values = ["it's", "$HOME", "`id`", "a b  c", "back\\slash", "\"double\"", "two\nlines", "", "*", "'", "$(echo x)"];
        var exports = string.Join("\n", values.Select((v, i) => ShellExports.Export($"LAB_T{i}", v)));
        var print = string.Join(" ", values.Select((_, i) => $"\"$LAB_T{i}\""));

        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"eval \"$1\"; printf '%s\\0' {print}");
        psi.ArgumentList.Add("bash");
        psi.ArgumentList.Add(exports);
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"bash exited {process.ExitCode} on:\n{exports}");
        Assert.Equal(values, output.Split('\0')[..^1]);
    }

    [Theory]
    [InlineData("db1", "DB1")]
    [InlineData("rs-1", "RS_1")]
    [InlineData("vip", "VIP")]
    public void Given_an_endpoint_name_Then_its_variable_part_has_only_capitals_digits_and_underscores(string name, string expected) =>
        Assert.Equal(expected, ShellExports.VariablePart(name));
}
