using Spectre.Console;
using System.CommandLine;
using Lab.Core.Sql;

namespace Lab.Cli.Commands;

internal static class SqlCommand
{
    public static Command Create(CliContext context)
    {
        var host = Options.Host();
        var statement = new Argument<string>("statement") { Description = "SQL to run with that host's own mariadb client (on the client host it goes through HAProxy)" };
        var instance = Options.Instance();
        var command = new Command("sql", "Run SQL on a host, as `mariadb -e` typed on that host would") { host, statement, instance };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var lab = context.Open(context.ResolveInstance(parse.GetValue(instance)));
            var result = await lab.Host(parse.GetValue(host)!).QueryAsync(parse.GetValue(statement)!, ct: ct);
            if (!result.Ok)
            {
                context.Console.MarkupLineInterpolated($"[red]ERROR {result.ErrorCode}[/]: {result.ErrorMessage}");
                return 1;
            }
            foreach (var row in result.Rows) context.Console.Profile.Out.Writer.WriteLine(string.Join('\t', row));
            return 0;
        }));
        return command;
    }
}
