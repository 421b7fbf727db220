using Spectre.Console;
using System.CommandLine;
using Lab.Targets.Local;

namespace Lab.Cli.Commands;

internal static class DownCommand
{
    public static Command Create(CliContext context)
    {
        var instance = Options.Instance();
        var all = new Option<bool>("--all") { Description = "Remove every lab instance on this machine" };
        var command = new Command("down", "Remove an instance: its processes, namespaces, mounts, route and files, and the empty mount points its up created on the machine; nothing else. Safe to repeat, and works after a crashed or interrupted `up`")
        {
            instance, all,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var names = parse.GetValue(all) ? Reaper.ExistingInstances(context.Layout)
                : new[] { parse.GetValue(instance) ?? context.ResolveInstanceOrNone() }.OfType<string>().ToList();
            if (names.Count == 0)
            {
                context.Console.MarkupLine("nothing to remove: no lab instance exists");
                return 0;
            }
            foreach (var name in names)
            {
                var report = await context.DownAsync(name, ct);
                context.Console.MarkupLineInterpolated(report.AnythingRemoved
                    ? (FormattableString)$"removed instance '{name}': {report.Processes} process(es), {report.Namespaces} namespace(s){(report.Route ? ", its route" : "")}{(report.Directory ? ", its files" : "")}{(report.MountPoints > 0 ? $", {report.MountPoints} mount point(s) it had created" : "")}"
                    : $"nothing to remove for instance '{name}' (already gone)");
            }
            return 0;
        }));
        return command;
    }
}
