using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Lab.Bench;
using Lab.Cli.Views;
using Lab.Instances;
using Lab.Targets.Local;
using Spectre.Console;

namespace Lab.Cli.Commands;

internal static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var json = new Option<string?>("--json") { Description = "Write the results as JSON to this file ('-' for standard output, after the summary)" };
        var repeat = new Option<int>("--repeat") { Description = "Measure up, baseline up and down this many times each (median/min/max reported)", DefaultValueFactory = _ => 3 };
        var instances = new Option<int>("--instances") { Description = "Galera instances brought up side by side in the density test", DefaultValueFactory = _ => 10 };
        var parallel = new Option<int>("--parallel")
        {
            Description = "How many density instances come up at the same time (1 = one after another)",
            DefaultValueFactory = _ => BenchOptions.DefaultDensityParallel,
        };
        var skipScenarios = new Option<bool>("--skip-scenarios") { Description = "Do not time the galera scenario suite" };
        var skipDensity = new Option<bool>("--skip-density") { Description = "Do not bring up many instances side by side" };
        var skipUp = new Option<bool>("--skip-up") { Description = "Do not time up against the seeds' procedure (e.g. only density: --skip-up --skip-scenarios)" };
        var vms = new Option<int>("--vm")
        {
            Description = "Also boot this many bare VMs on the vm target and time them (0: none). Under software emulation a VM takes tens of seconds; " +
                          "the first run builds the VM image first (timed apart)",
            DefaultValueFactory = _ => 0,
        };
        var suite = new Option<string?>("--suite")
        {
            Description = "Only time one lab's whole scenario suite as `lab run LAB` runs it (up once, every scenario), e.g. --suite lvs; " +
                          "a lab whose hosts become VMs is held to 10 minutes",
        };
        var command = new Command("bench",
            "Measure the local target: galera up vs the seeds' manual procedure, down, the scenario suite, and many instances side by side " +
            "(instances are named bench-<run>-*, and removed at the end, also on failure or Ctrl-C). Exits 1 when a target is missed or an up fails")
        {
            json, repeat, instances, parallel, skipScenarios, skipDensity, skipUp, vms, suite,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            Preflight.RequireRoot();
            var options = new BenchOptions(parse.GetValue(repeat), parse.GetValue(instances), parse.GetValue(parallel),
                parse.GetValue(skipScenarios), parse.GetValue(skipDensity), Vms: parse.GetValue(vms), SkipUp: parse.GetValue(skipUp)).Validate();
            var lab = context.Catalog.Load(options.Lab);
            var clock = Stopwatch.StartNew();

            // Teardown takes seconds; Ctrl-C or SIGTERM must cancel the run, not end the process before it is clean.
            using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; interrupted.Cancel(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; interrupted.Cancel(); });

            if (parse.GetValue(suite) is { } suiteLab)
            {
                await using var benchInstances = new BenchInstances(context.Local, BenchInstances.NewRunId());
                var suiteReport = await new SuiteBench(benchInstances, context.Catalog.Load(suiteLab), m => context.Progress(clock.Elapsed, m)).RunAsync(interrupted.Token);
                context.Console.MarkupLineInterpolated($"{suiteLab}: up {suiteReport.Suite.UpSeconds:0.0}s, {suiteReport.Suite.Scenarios.Count(s => s.Passed)}/{suiteReport.Suite.Scenarios.Count} scenarios passed ({suiteReport.Suite.Scenarios.Count(s => s.NotRun is not null)} not run), all of it {suiteReport.Suite.TotalSeconds:0.0}s (goal {suiteReport.GoalSeconds:0}s)");
                foreach (var problem in suiteReport.Problems) context.Warning(problem);
                var text = System.Text.Json.JsonSerializer.Serialize(suiteReport, BenchJson.Options);
                if (parse.GetValue(json) is "-") context.Console.Profile.Out.Writer.WriteLine(text);
                else if (parse.GetValue(json) is { } suiteFile) { File.WriteAllText(suiteFile, text + "\n"); context.Console.MarkupLineInterpolated($"JSON: {suiteFile}"); }
                return suiteReport.Problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
            }

            var vmBench = new VmBench(new Lab.Targets.Vm.VmTarget(context.Catalog, context.Layout), context.Layout, lab, m => context.Progress(clock.Elapsed, m));
            var report = await new BenchRunner(context.Local, lab, m => context.Progress(clock.Elapsed, m), vmBench).RunAsync(options, interrupted.Token);
            BenchSummary.Render(context.Console, report);
            // Said before the JSON, which stays the last thing on standard output with `--json -`.
            var verdict = BenchVerdict.Of(report);
            foreach (var problem in verdict.Problems) context.Warning(problem);
            switch (parse.GetValue(json))
            {
                case "-":
                    context.Console.Profile.Out.Writer.WriteLine(BenchJson.Serialize(report));
                    break;
                case { } file:
                    BenchJson.Write(report, file);
                    context.Console.MarkupLineInterpolated($"JSON: {file}");
                    break;
            }
            // The JSON is written either way: a miss is a result worth keeping, and the exit code says it was one.
            return verdict.Passed ? ExitCodes.Ok : ExitCodes.Failure;
        }));
        return command;
    }
}
