using System.CommandLine;
using System.Diagnostics;
using Lab.Cli.Views;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Scenarios;
using Lab.Core.Services;
using Lab.Core.Waits;
using Lab.Core.Targets;
using Spectre.Console;

namespace Lab.Cli.Commands;

internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var lab = Options.Lab();
        var scenarios = new Argument<string[]>("scenario") { Description = "Scenarios to run (default: all in labs/<lab>/scenarios/)", Arity = ArgumentArity.ZeroOrMore };
        var instance = Options.Instance();
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML results to this file (for CI)" };
        var keep = new Option<bool>("--keep") { Description = "Keep an instance this run created (default: remove it at the end)" };
        var target = Options.Target(context);
        var inventory = Options.Inventory();
        var language = new Option<string>("--lang") { Description = "Language of titles and explanations: en or ko", DefaultValueFactory = _ => "en" };
        var command = new Command("run", "Run staged scenarios against a lab (bringing it up first if needed); every expectation is polled and checked, each scenario starts from a healthy cluster")
        {
            lab, scenarios, instance, junit, keep, language, target, inventory,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var loader = new ScenarioLoader(definition);
            var names = parse.GetValue(scenarios) is { Length: > 0 } chosen ? chosen : loader.Names.ToArray();
            if (names.Length == 0) throw new CliException($"lab '{definition.Name}' has no scenarios in {loader.ScenariosDir}");
            var toRun = names.Select(loader.LoadByName).ToList(); // all validated before anything runs

            var name = parse.GetValue(instance) ?? definition.Name;
            var clock = Stopwatch.StartNew();
            var created = !context.ExistingInstances().Contains(name);
            var targetName = created ? parse.GetValue(target)! : context.TargetOf(name);
            var request = new UpRequest(definition, name, Inventory: parse.GetValue(inventory));
            LabInstance running = created
                ? await context.UpAsync(targetName, request, m => context.Progress(clock.Elapsed, m), ct)
                : context.Open(name);
            var observer = new ScenarioConsoleObserver(context.Console, parse.GetValue(language) ?? "en");
            // Galera heals in place (restart, re-form, rejoin). A replication lab's topology after a failover
            // (who is primary, which history survived) is part of what a scenario changes, so those labs start each
            // scenario from a fresh instance instead: `up` takes a few seconds.
            var healsInPlace = definition.Hosts.Any(h => h.Runs(ServiceCatalog.Galera));
            var fresh = created;
            // A lab that says how to restore itself (lab.yaml `restore:`, e.g. ha-drbd on VMs, where a new instance costs
            // minutes) is restored in place before every scenario but the first of a new instance.
            var restoresItself = definition.Restore.Count > 0;
            var restore = RestoreInPlace.Before(Until.Real, observer.Note, created);
            ScenarioSuite.Preparation prepare = async (current, c) =>
            {
                if (restoresItself) return await restore(current, c);
                if (healsInPlace)
                {
                    await new HealthRestorer(current, Until.Real, observer.Note).RestoreAsync(c);
                    return current;
                }
                if (fresh)
                {
                    fresh = false;
                    return current;
                }
                observer.Note($"recreating instance '{name}' so the next scenario starts from the initial topology");
                await context.DownAsync(name, c);
                return await context.UpAsync(targetName, request, m => context.Progress(clock.Elapsed, m), c);
            };
            var results = new List<ScenarioResult>();
            try
            {
                await foreach (var entry in new ScenarioSuite(observer, TimeProvider.System).RunAsync(running, toRun, prepare, ct))
                    results.Add(entry.Result);
            }
            finally
            {
                if (parse.GetValue(junit) is { } file)
                {
                    JUnitReport.Build(definition.Name, results).Save(file);
                    context.Console.MarkupLineInterpolated($"JUnit XML: {file}");
                }
                if (created && !parse.GetValue(keep))
                    await context.DownAsync(name, CancellationToken.None);
            }
            Summary(context.Console, results);
            return results.All(r => r.Passed) ? 0 : 1;
        }));
        return command;
    }

    private static void Summary(IAnsiConsole console, IReadOnlyList<ScenarioResult> results)
    {
        var table = new Table().AddColumns("scenario", "result", "seconds", "waiting on DB", "actions");
        foreach (var r in results)
            table.AddRow(Markup.Escape(r.Scenario.Name), r.Passed ? "[green]passed[/]" : "[red]FAILED[/]",
                $"{r.Duration.TotalSeconds:0.0}", $"{r.WaitingOnDatabase.TotalSeconds:0.0}", $"{r.InActions.TotalSeconds:0.0}");
        console.Write(table);
        console.MarkupLine($"{results.Count(r => r.Passed)} passed, {results.Count(r => !r.Passed)} failed");
    }
}
