using Lab.Instances;
using System.CommandLine;
using Spectre.Console;

namespace Lab.Cli.Commands;

internal static class ListCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("list", "List the lab instances on this machine, and the labs that can be brought up");
        command.SetAction((_, _) => LabApp.Guard(context, () =>
        {
            var instances = InstanceRecord.List(context.Layout);
            if (instances.Count == 0) context.Console.MarkupLine("no instances are up");
            else
            {
                var table = new Table().AddColumns("instance", "lab", "target", "subnet", "created (UTC)", "hosts");
                foreach (var r in instances)
                    table.AddRow(Markup.Escape(r.Name), Markup.Escape(r.Lab), Markup.Escape(context.TargetOf(r.Name)), Markup.Escape(r.Subnet),
                        r.CreatedUtc == DateTimeOffset.MinValue ? "[yellow]incomplete: run lab down[/]" : r.CreatedUtc.ToString("u"),
                        Markup.Escape(string.Join(" ", r.Hosts)));
                context.Console.Write(table);
            }
            context.Console.MarkupLineInterpolated($"labs: {string.Join(", ", context.Catalog.LabNames)}");
            return Task.FromResult(0);
        }));
        return command;
    }
}
