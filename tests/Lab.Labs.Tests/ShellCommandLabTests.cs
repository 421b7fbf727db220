using System.Text.RegularExpressions;
using Lab.Labs.Tests.Support;

namespace Lab.Labs.Tests;

/// <summary>The README's `lab shell client -- mariadb -e 'SELECT @@hostname'`, on a real galera lab on the local target.</summary>
[Collection("local labs")]
[Trait("Category", "Integration")]
public sealed partial class ShellCommandLabTests : IAsyncLifetime
{
    private readonly LabRun _run = new("galera");

    [GeneratedRegex(@"\[/\]|\[/?(green|red|grey|yellow|blue|bold)\]")]
    private static partial Regex MarkupTag();

    [Fact]
    public async Task Given_a_galera_lab_When_the_client_runs_the_readme_query_through_lab_shell_Then_a_database_node_answers_with_its_name()
    {
        var (upExit, upOutput) = await _run.RunAsync("up", "galera", "--instance", _run.Instance);
        Assert.True(upExit == 0, $"`lab up` failed with exit {upExit}:\n{upOutput}");

        var (exit, output) = await _run.RunAsync("shell", "client", "--instance", _run.Instance, "--", "mariadb", "-e", "SELECT @@hostname");

        Assert.True(exit == 0, $"`lab shell client -- mariadb -e 'SELECT @@hostname'` exited {exit}:\n{output}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 2 && lines[0] == "@@hostname" && lines[1] is "db1" or "db2" or "db3",
            $"expected the column header and one of db1, db2, db3; the command printed:\n{output}");
        Assert.True(!MarkupTag().IsMatch(upOutput), $"`lab up` printed literal markup:\n{upOutput}");
        Assert.Contains($"lab 'galera' is up as instance '{_run.Instance}'", upOutput);
    }

    public Task InitializeAsync() => _run.InitializeAsync();
    public Task DisposeAsync() => _run.DisposeAsync();
}
