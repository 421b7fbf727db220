using System.CommandLine;
using System.Diagnostics;
using Lab.Cli.Views;
using Lab.Core.Errors;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Core.Services;
using Lab.Core.Waits;
using Lab.Core.Targets;
using Lab.Reports;
using Lab.Reports.Recording;
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
        var html = new Option<string?>("--html")
        {
            Description = "Write one self-contained HTML report to this file (in --lang's language): the lab's topology, and for each scenario a " +
                          "timeline of its stages, steps and expectations, every node's state over time, the client's write interruptions and the " +
                          "data-safety verdicts; opens in any browser, offline",
        };
        var keep = new Option<bool>("--keep") { Description = "Keep an instance this run created (default: remove it at the end)" };
        var recreate = new Option<bool>("--recreate")
        {
            Description = "Allow removing and bringing up again an existing instance whose lab starts each scenario from a new one " +
                          "(replication, failover); without it, run refuses rather than lose what was made in it",
        };
        var target = Options.Target(context);
        var inventory = Options.Inventory();
        var language = new Option<string>("--lang") { Description = "Language of the run's output (titles, explanations, every engine line): en or ko", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong([.. Languages.Codes]);
        var command = new Command("run", "Run staged scenarios against a lab (bringing it up first if needed); every expectation is polled and checked, each scenario starts from a healthy cluster")
        {
            lab, scenarios, instance, junit, html, keep, recreate, language, target, inventory,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var loader = new ScenarioLoader(definition);
            var names = parse.GetValue(scenarios) is { Length: > 0 } chosen ? chosen : loader.Names.ToArray();
            if (names.Length == 0) throw new LabInputException($"lab '{definition.Name}' has no scenarios in {loader.ScenariosDir}");
            var toRun = names.Select(loader.LoadByName).ToList(); // all validated before anything runs

            // Checked before anything runs: finding out after a whole suite would lose its results.
            if (parse.GetValue(junit) is { } junitFile && Path.GetDirectoryName(Path.GetFullPath(junitFile)) is { } junitDir && !Directory.Exists(junitDir))
                throw new LabInputException($"--junit {junitFile}: the directory {junitDir} does not exist; create it first (mkdir -p {junitDir}) or write the report elsewhere");
            if (parse.GetValue(html) is { } htmlFile && Path.GetDirectoryName(Path.GetFullPath(htmlFile)) is { } htmlDir && !Directory.Exists(htmlDir))
                throw new LabInputException($"--html {htmlFile}: the directory {htmlDir} does not exist; create it first (mkdir -p {htmlDir}) or write the report elsewhere");
            var name = context.DefaultInstance(parse.GetValue(instance), definition.Name);
            var clock = Stopwatch.StartNew();
            var created = !context.ExistingInstances().Contains(name);
            var targetName = created ? parse.GetValue(target)! : context.TargetOf(name);
            // An existing instance is run where it lives; a --target naming another place asks for a different lab.
            if (!created && parse.GetResult(target) is { Implicit: false } && parse.GetValue(target) != targetName)
                throw new LabInputException($"instance '{name}' runs on the {targetName} target, not {parse.GetValue(target)}: leave out --target to run it " +
                                       $"there, or give this run an instance of its own: lab run {definition.Name} {string.Join(' ', parse.GetValue(scenarios) ?? [])}".TrimEnd() +
                                       $" --target {parse.GetValue(target)} --instance {definition.Name}-{parse.GetValue(target)}");
            var between = BetweenScenariosRule.For(definition);
            // An instance someone made may hold their own work (a database, a changed setting): never removed unasked.
            if (!created && between == BetweenScenarios.Recreate && !parse.GetValue(recreate))
                throw new LabInputException($"instance '{name}' already exists, and each {definition.Name} scenario starts from a new instance: running would " +
                                       $"remove it and everything made in it. Add --recreate to allow that, or run on an instance of its own: " +
                                       $"lab run {definition.Name} {string.Join(' ', parse.GetValue(scenarios) ?? [])}".TrimEnd() + $" --instance {definition.Name}-run");
            var lang = Languages.Parse(parse.GetValue(language) ?? "en");
            var request = new UpRequest(definition, name, Inventory: parse.GetValue(inventory), Language: lang);
            LabInstance running = created
                ? await context.UpAsync(targetName, request, m => context.Progress(clock.Elapsed, m), ct)
                : context.Open(name);
            var observer = new ScenarioConsoleObserver(context.Console, lang);
            // The HTML report also samples every node's state while the scenarios run.
            await using var recorder = parse.GetValue(html) is null ? null : new RunRecorder(observer);
            var fresh = created;
            // A lab that says how to restore itself (lab.yaml `restore:`, e.g. ha-drbd on VMs, where a new instance costs
            // minutes) is restored in place before every scenario but the first of a new instance.
            var restore = RestoreInPlace.Before(Until.Real, observer.Note, created);
            var results = new List<ScenarioResult>();
            // A restore that had to escalate (end connections, restart, recreate) is named in the summary with its time.
            var restoreLines = new List<string>();
            // The heal's last resort removes the instance: allowed on one this run made, or with --recreate.
            Func<CancellationToken, Task<LabInstance>>? recreateInstance = created || parse.GetValue(recreate)
                ? async c =>
                {
                    await context.DownAsync(name, c);
                    return await context.UpAsync(targetName, request, m => context.Progress(clock.Elapsed, m), c);
                }
                : null;
            ScenarioSuite.Preparation prepare = async (current, c) =>
            {
                if (between == BetweenScenarios.RestoreSteps) return await restore(current, c);
                if (between == BetweenScenarios.HealInPlace)
                {
                    var next = toRun[Math.Min(results.Count, toRun.Count - 1)].Name; // entries arrive in order: the next one is being prepared
                    HealthRestore healed;
                    try
                    {
                        healed = await new HealthRestorer(current, Until.Real, observer.Note, lang, recreateInstance).RestoreAsync(c);
                    }
                    catch (Exception e) when (recreateInstance is null && e is not OperationCanceledException)
                    {
                        throw new CliException($"{e.Message}; {EngineText.Restore.RecreateNotAllowed.In(lang, name)}");
                    }
                    if (healed.Escalated) restoreLines.Add(EngineText.Restore.SummaryLine.In(lang, next, healed.Describe(lang), healed.Took.TotalSeconds));
                    return healed.Instance;
                }
                if (between == BetweenScenarios.Keep) return current;
                if (fresh)
                {
                    fresh = false;
                    return current;
                }
                if (created) observer.Note(EngineText.Run.Recreating.In(lang, name));
                else context.Console.MarkupLineInterpolated($"[yellow]{EngineText.Run.RecreatingAsked.In(lang, name)}[/]");
                await context.DownAsync(name, c);
                return await context.UpAsync(targetName, request, m => context.Progress(clock.Elapsed, m), c);
            };
            try
            {
                await foreach (var entry in new ScenarioSuite((IScenarioObserver?)recorder ?? observer, TimeProvider.System, lang).RunAsync(running, toRun, prepare, ct))
                    results.Add(entry.Result);
            }
            finally
            {
                try
                {
                    if (parse.GetValue(junit) is { } file)
                    {
                        JUnitReport.Save(JUnitReport.Build(definition.Name, results), file);
                        context.Console.WriteLine(EngineText.Run.JUnitWritten.In(lang, file));
                    }
                    if (parse.GetValue(html) is { } reportFile && recorder is not null)
                    {
                        await HtmlReport.SaveAsync(reportFile, running.Lab, name, targetName, lang, results, recorder);
                        context.Console.WriteLine(ReportText.Written.In(lang, reportFile));
                    }
                }
                finally
                {
                    // An instance this run made is removed even when the report could not be written.
                    if (created && !parse.GetValue(keep))
                    {
                        await context.DownAsync(name, CancellationToken.None);
                        context.Console.MarkupLineInterpolated($"[grey]{EngineText.Run.InstanceRemoved.In(lang, name)}[/]");
                    }
                    // Whatever stopped the suite (a failed recreation, Ctrl+C), what did run is summed up.
                    if (results.Count > 0) RunSummary.Write(context.Console, results, lang, restoreLines);
                }
            }
            // A scenario this machine cannot run (not run) is no failure: the reason is in the summary.
            return results.Any(r => r.Failed) ? ExitCodes.ScenarioFailed : ExitCodes.Ok;
        }));
        return command;
    }
}
