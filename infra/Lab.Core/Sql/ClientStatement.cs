namespace Lab.Core.Sql;

/// <summary>
/// One `mariadb -e STATEMENT` as a person would type it on a host, for `lab sql`: the host's own client parses the
/// statement (so `\G`, several statements, `at line N` in errors are its own) and prints it in its own formats.
/// </summary>
/// <param name="Statement">Passed to <c>-e</c> exactly as given.</param>
/// <param name="SkipColumnNames"><c>-N</c>: no header line (no labels in <c>\G</c> output either, as the client does).</param>
/// <param name="Table">
/// <c>--table</c>: the boxed table the client prints when its input and output are a terminal. The client runs
/// behind pipes (nsenter, ssh), so it cannot see the person's terminal itself; the caller that can says so here.
/// </param>
public sealed record ClientStatement(string Statement, bool SkipColumnNames = false, bool Table = false)
{
    /// <summary>The shell command line for the host (every target runs commands with <c>sh -c</c>).</summary>
    public string CommandLine =>
        "mariadb" + (Table ? " --table" : "") + (SkipColumnNames ? " --skip-column-names" : "") + " -e " + ShellQuote(Statement);

    /// <summary>One single-quoted shell word: nothing in it (quotes, $, `, \) is expanded or split.</summary>
    public static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
