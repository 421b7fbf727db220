using Spectre.Console;
using System.CommandLine;
using System.Diagnostics;
using Lab.Cli.Views;
using Lab.Core.Galera;
using Lab.Core.Status;
using Lab.Targets.Local;

namespace Lab.Cli.Commands;

internal static class UpCommand
{
    public static Command Create(CliContext context)
    {
        var lab = Options.Lab();
        var instance = Options.Instance();
        var classic = new Option<bool>("--classic")
        {
            Description = "Form the Galera cluster the seeds' way: galera_new_cluster on db1, then db2 and db3 join one by one by full SST (slower; for comparison)",
        };
        var keep = new Option<bool>("--keep-on-failure") { Description = "Leave a failed instance in place for inspection instead of removing it" };
        var target = Options.Target();
        var inventory = Options.Inventory();
        var command = new Command("up", "Create a lab instance on this machine and bring it up: network, hosts, rendered files, services, cluster")
        {
            lab, instance, classic, keep, target, inventory,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var name = parse.GetValue(instance) ?? definition.Name;
            var clock = Stopwatch.StartNew();
            var options = new UpOptions(parse.GetValue(classic) ? GaleraStart.Classic : GaleraStart.SharedState, parse.GetValue(keep));
            var up = await context.UpAsync(parse.GetValue(target)!, definition, name, parse.GetValue(inventory), options, m => context.Progress(clock.Elapsed, m), ct);
            context.Success(clock.Elapsed, $"lab '{definition.Name}' is up as instance '{name}'");
            var status = await LabStatusReader.ReadAsync(up, ct);
            StatusView.Render(context.Console, status);
            context.Console.MarkupLineInterpolated($"[grey]next: lab shell client · lab sql db1 \"SHOW STATUS LIKE 'wsrep%'\" · lab down --instance {name}[/]");
            return status.Healthy ? 0 : 1;
        }));
        return command;
    }
}
