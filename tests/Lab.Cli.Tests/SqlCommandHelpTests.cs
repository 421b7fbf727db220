using Lab.Cli.Tests.Support;

namespace Lab.Cli.Tests;

/// <summary>`lab sql --help` teaches the client's own conventions a student will use on the hosts.</summary>
public sealed class SqlCommandHelpTests
{
    [Fact]
    public async Task Given_sql_help_Then_it_shows_G_for_vertical_output_N_for_no_headers_and_where_errors_go()
    {
        using var cli = new CliRunner();

        var (exit, output) = await cli.RunAsync("sql", "--help");

        Assert.True(exit == 0, $"expected exit 0, got {exit}:\n{output}");
        foreach (var taught in new[] { "lab sql replica1 \"SHOW SLAVE STATUS\\G\"", "-N, --skip-column-names", "lab sql -N ", "stderr", "ERROR 1146 (42S02)" })
            Assert.True(output.Contains(taught, StringComparison.Ordinal), $"help does not show '{taught}':\n{output}");
    }
}
