using Lab.Instances;
using System.Text.RegularExpressions;
using Lab.Cli.Tests.Support;
using Lab.Core.Loading;
using Lab.Targets.Local;
using Spectre.Console;

namespace Lab.Cli.Tests;

/// <summary>What `lab` prints is text: Spectre markup is interpreted, never shown, and user or host text is never taken for markup.</summary>
public sealed partial class OutputMarkupTests
{
    // Closing tags, and the opening tags the commands use; a config file's [mysqld] section is not markup.
    [GeneratedRegex(@"\[/\]|\[/?(green|red|grey|yellow|blue|bold)\]")]
    private static partial Regex MarkupTag();

    private static void AssertNoMarkup(string what, string output)
    {
        var found = MarkupTag().Matches(output).Select(m => m.Value).Distinct().ToList();
        Assert.True(found.Count == 0, $"`{what}` printed literal markup {string.Join(" ", found)}:\n{output}");
    }

    public static TheoryData<string[]> CommandsWithoutALab => new()
    {
        { ["--help"] },
        { ["up", "--help"] },
        { ["shell", "--help"] },
        { ["render", "galera"] },
        { ["render", "galera", "--host", "haproxy"] },
        { ["list"] },
        // A new name: `down` looks for namespaces machine-wide, and must find none of someone else's.
        { ["down", "--instance", $"t{Guid.NewGuid():N}"[..12]] },
        { ["status", "--instance", $"t{Guid.NewGuid():N}"[..12]] },
        { ["render", "no-such-lab"] },
        { ["upp", "galera"] },
    };

    [Theory]
    [MemberData(nameof(CommandsWithoutALab))]
    public async Task Given_a_command_that_needs_no_running_lab_When_run_Then_its_output_has_no_literal_markup(string[] args)
    {
        using var cli = new CliRunner();

        var (_, output) = await cli.RunAsync(args);

        Assert.True(output.Length > 0, $"`{string.Join(' ', args)}` printed nothing");
        AssertNoMarkup(string.Join(' ', args), output);
    }

    [Fact]
    public async Task Given_a_host_name_that_looks_like_markup_When_it_is_reported_as_unknown_Then_it_is_shown_as_typed()
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync("render", "galera", "--host", "[red]x[/]");

        Assert.True(exit == ExitCodes.BadInput && output.Contains("[red]x[/]"), $"expected exit 2 and the name as typed, got {exit}:\n{output}");
    }

    [Fact]
    public void Given_progress_success_and_warning_lines_When_printed_Then_the_text_is_shown_as_given_without_tags()
    {
        var writer = new StringWriter();
        var context = new CliContext(PlainConsole(writer), () => LabCatalog.Locate(), new LocalLayout("/tmp/s", "/tmp/n", "/tmp/c"));

        context.Progress(TimeSpan.FromSeconds(1.5), "instance 'a': hosts [db1]");
        context.Success(TimeSpan.FromSeconds(2.9), "lab 'galera' is up as instance 'galera'");
        context.Warning("target missed: up ≤ 5 s [was 6 s]");

        var lines = writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.True(lines.SequenceEqual([
            "[  1.50s] instance 'a': hosts [db1]",
            "[  2.90s] lab 'galera' is up as instance 'galera'",
            "target missed: up ≤ 5 s [was 6 s]",
        ]), $"printed:\n{writer}");
    }

    private static IAnsiConsole PlainConsole(StringWriter writer) => Support.CliRunner.PlainConsole(writer);
}
