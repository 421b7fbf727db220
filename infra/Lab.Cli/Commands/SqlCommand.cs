using System.CommandLine;
using Lab.Core.Errors;
using Lab.Core.Sql;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab sql HOST STATEMENT`: the host's own `mariadb -e`, its output, errors and exit code passed on unchanged, so
/// what a student sees is what the same command typed on that host prints.
/// </summary>
internal static class SqlCommand
{
    private const string Help =
        "Run SQL on a host with that host's own `mariadb -e`, as typed there: the client's column headers, a boxed table " +
        "on a terminal and tab-separated lines in a pipe, its errors on stderr (ERROR 1146 (42S02) at line 1: ...) and its " +
        "exit code (1 for an SQL error).\n\n" +
        "Examples:\n" +
        "  lab sql replica1 \"SHOW SLAVE STATUS\\G\"   # \\G: one 'Column: value' line per column\n" +
        "  lab sql -N db1 \"SELECT @@hostname\"       # -N: no header line, just the values (for scripts)\n" +
        "  lab sql client \"SELECT @@hostname\"       # the client host connects as its own .cnf says (HAProxy, VIP or primary)\n\n" +
        "Hosts with a MariaDB server or a MariaDB client configuration answer; others (haproxy, an LVS director) are refused, " +
        "naming those that can.";

    public static Command Create(CliContext context)
    {
        var host = Options.Host();
        var statement = new Argument<string>("statement")
        {
            Description = "SQL for that host's `mariadb -e`: several statements separated by ;, and \\G instead of ; for vertical output",
        };
        var skipColumnNames = new Option<bool>("--skip-column-names", "-N") { Description = "No column names: no header line, no labels in \\G output (the client's -N)" };
        var instance = Options.Instance();
        var command = new Command("sql", Help) { host, statement, skipColumnNames, instance };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var sql = new ClientStatement(parse.GetValue(statement)!, parse.GetValue(skipColumnNames), Table: context.Terminal);
            try
            {
                var lab = context.Open(context.ResolveInstance(parse.GetValue(instance)));
                var result = await InteractiveSql.RunAsync(lab, parse.GetValue(host)!, sql, ct);
                context.Console.Profile.Out.Writer.Write(result.Stdout);
                context.Console.Profile.Out.Writer.Flush();
                context.Error.Write(result.Stderr);
                return result.ExitCode;
            }
            catch (LabException e)
            {
                // An error of `lab sql` itself goes where the client's own would: stderr.
                context.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.For(e);
            }
        }));
        return command;
    }
}
