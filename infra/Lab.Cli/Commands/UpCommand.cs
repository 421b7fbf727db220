using System.CommandLine;
using System.Diagnostics;
using Lab.Cli.Views;
using Lab.Core.Galera;
using Lab.Core.Status;
using Lab.Core.Status.Health;
using Lab.Core.Targets;
using Spectre.Console;

namespace Lab.Cli.Commands;

internal static class UpCommand
{
    public static Command Create(CliContext context)
    {
        var lab = Options.Lab();
        var instance = Options.Instance();
        var classic = new Option<bool>("--classic")
        {
            Description = "Form the Galera cluster the seeds' way: galera_new_cluster on db1, then db2 and db3 join one by one by full SST (slower; for comparison). Machines, ssh and azure always do",
        };
        var keep = new Option<bool>("--keep-on-failure") { Description = "Leave a failed instance in place for inspection instead of removing it" };
        var target = Options.Target(context);
        var inventory = Options.Inventory();
        var command = new Command("up", "Create a lab instance and bring it up on the chosen target: hosts, rendered files, services, cluster, accounts, replicas, VIP, HAProxy, a client query")
        {
            lab, instance, classic, keep, target, inventory,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var name = parse.GetValue(instance) ?? definition.Name;
            var clock = Stopwatch.StartNew();
            var request = new UpRequest(definition, name, parse.GetValue(classic) ? GaleraStart.Classic : GaleraStart.SharedState,
                parse.GetValue(keep), parse.GetValue(inventory));
            var up = await context.UpAsync(parse.GetValue(target)!, request, m => context.Progress(clock.Elapsed, m), ct);
            context.Success(clock.Elapsed, $"lab '{definition.Name}' is up as instance '{name}' on the {up.Target} target");
            var status = await StatusCommand.ReadAsync(context, up, ct);
            StatusView.Render(context.Console, status);
            var next = StarterCommands.For(up.Lab, new LabCommands(definition.Name, name, status.NameInstanceInHints));
            context.Console.MarkupLine("[grey]next:[/]");
            foreach (var line in next) context.Console.MarkupLineInterpolated($"  [grey]{line}[/]");
            return status.Healthy ? 0 : 1;
        }));
        return command;
    }
}
