using System.CommandLine;
using Spectre.Console;

namespace Lab.Cli.Commands;

internal static class DownCommand
{
    public static Command Create(CliContext context)
    {
        var instance = Options.Instance();
        var all = new Option<bool>("--all") { Description = "Remove every lab instance on this machine" };
        var command = new Command("down", "Remove an instance through the target it lives on: its processes, namespaces, mounts, machines, stack, its own guard route, its files and the empty mount points its up created on the machine; nothing else. Safe to repeat, and works after a crashed or interrupted `up`")
        {
            instance, all,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var names = parse.GetValue(all) ? context.ExistingInstances()
                : new[] { parse.GetValue(instance) ?? context.ResolveInstanceOrNone() }.OfType<string>().ToList();
            if (names.Count == 0)
            {
                context.Console.MarkupLine("nothing to remove: no lab instance exists");
                return ExitCodes.Ok;
            }
            foreach (var name in names)
            {
                var report = await context.DownAsync(name, ct);
                context.Console.MarkupLineInterpolated(report.AnythingRemoved
                    ? (FormattableString)$"removed instance '{name}' ({report.Target}): {report}"
                    : $"nothing to remove for instance '{name}' (already gone)");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }
}
