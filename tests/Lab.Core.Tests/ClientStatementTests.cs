using System.Diagnostics;
using Lab.Core.Sql;

namespace Lab.Core.Tests;

/// <summary>The `mariadb -e` command line `lab sql` hands a host's shell.</summary>
public sealed class ClientStatementTests
{
    [Fact]
    public void Given_no_options_Then_the_client_decides_the_format_itself_and_gets_the_statement_as_one_word()
    {
        Assert.Equal("mariadb -e 'SHOW SLAVE STATUS\\G'", new ClientStatement("SHOW SLAVE STATUS\\G").CommandLine);
    }

    [Fact]
    public void Given_N_and_a_terminal_Then_the_client_is_asked_for_no_column_names_and_a_table()
    {
        Assert.Equal("mariadb --table --skip-column-names -e 'SELECT 1'", new ClientStatement("SELECT 1", SkipColumnNames: true, Table: true).CommandLine);
    }

    [Theory]
    [InlineData("SELECT 'it''s', \"$HOME\", `id`, '\\G'")]
    [InlineData("SELECT 1; SELECT '$(echo expanded)'\\G")]
    [InlineData("it's")]
    [InlineData("")]
    public async Task Given_a_statement_with_quotes_and_shell_characters_When_sh_reads_the_word_Then_it_is_unchanged(string statement)
    {
        // The real shell every target runs commands with; printf prints the word sh made of the quoted text.
        var psi = new ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("printf %s " + ClientStatement.ShellQuote(statement));
        using var sh = Process.Start(psi)!;
        var printed = await sh.StandardOutput.ReadToEndAsync();
        await sh.WaitForExitAsync();

        Assert.True(sh.ExitCode == 0 && printed == statement, $"sh exited {sh.ExitCode} and read [{printed}] from [{statement}]");
    }
}
