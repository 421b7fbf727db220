using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Lab.Cli.Views;
using Lab.Core.Galera;
using Lab.Core.Status;
using Lab.Core.Status.Health;
using Lab.Core.Targets;
using Lab.Instances;
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
        var bare = new Option<bool>("--bare")
        {
            Description = "Hosts as on a Debian VM right after `apt install`: packages, the distribution's own configuration files, each MariaDB " +
                          "server initialised and running stand-alone, HAProxy on its default configuration, no lab accounts. Build the lab by hand " +
                          "in `lab shell HOST` (the guide's \"build it yourself\"), then grade it with `lab check LAB`. Local target only",
        };
        var keep = new Option<bool>("--keep-on-failure") { Description = "Leave a failed instance in place for inspection instead of removing it" };
        var target = Options.Target(context);
        var inventory = Options.Inventory();
        var json = new Option<bool>("--json")
        {
            Description = "Print the instance as JSON on standard output (progress goes to standard error): hosts and addresses, the endpoints " +
                          "(lab address and 127.0.0.1 port), the app account and its password file; docs/lab-up.schema.json describes it",
        };
        var command = new Command("up", "Create a lab instance and bring it up on the chosen target: hosts, rendered files, services, cluster, accounts, replicas, VIP, HAProxy, a client query. " +
            "Exits 0 when the lab is healthy (with --bare: once the hosts are up as installed), 3 when it came up but is not")
        {
            lab, instance, classic, bare, keep, target, inventory, json,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var asJson = parse.GetValue(json);
            if (asJson) context.ProgressOnError();
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var name = context.DefaultInstance(parse.GetValue(instance), definition.Name);
            var clock = Stopwatch.StartNew();
            var request = new UpRequest(definition, name, parse.GetValue(classic) ? GaleraStart.Classic : GaleraStart.SharedState,
                parse.GetValue(keep), parse.GetValue(inventory), Bare: parse.GetValue(bare));
            var up = await context.UpAsync(parse.GetValue(target)!, request, m => context.Progress(clock.Elapsed, m), ct);
            var upSeconds = clock.Elapsed.TotalSeconds;
            context.Success(clock.Elapsed, $"lab '{definition.Name}' is up as instance '{name}' on the {up.Target} target");
            AppPasswordFile.Ensure(context.Layout, name, up.Secrets);
            var status = await StatusCommand.ReadAsync(context, up, ct);
            if (asJson)
            {
                var document = StatusJson.From(status, context.Targets.Get(up.Target).Describe(up), LabAccess.Of(up, context.Layout), upSeconds);
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(document, StatusJson.Options));
                return status.Healthy || request.Bare ? ExitCodes.Ok : ExitCodes.NotHealthy;
            }
            StatusView.Render(context.Console, status);
            if (request.Bare)
            {
                // Not healthy is what a bare lab is: the student's work starts here, and `lab check` grades it.
                context.Console.MarkupLineInterpolated($"[yellow]{Lab.Core.Messages.EngineText.Checks.BareUp.In(request.Language, definition.Name)}[/]");
                context.Console.MarkupLineInterpolated($"[grey]next: {Lab.Core.Messages.EngineText.Checks.BareNext.In(request.Language, definition.Name, name)}[/]");
                return ExitCodes.Ok;
            }
            var next = StarterCommands.For(up.Lab, new LabCommands(definition.Name, name, status.NameInstanceInHints));
            context.Console.MarkupLine("[grey]next:[/]");
            foreach (var line in next) context.Console.MarkupLineInterpolated($"  [grey]{line}[/]");
            return status.Healthy ? ExitCodes.Ok : ExitCodes.NotHealthy;
        }));
        return command;
    }
}
