using Spectre.Console;
using System.CommandLine;
using System.Diagnostics;
using Lab.Cli.Views;
using Lab.Core.Errors;
using Lab.Core.Hosts;
using Lab.Core.Status;
using Lab.Core.Waits;

namespace Lab.Cli.Commands;

/// <summary>`lab start|stop|kill HOST`: what `systemctl start|stop mariadb` and `kill -9` do on a VM.</summary>
internal static class ServiceCommands
{
    public static Command Create(CliContext context, string verb)
    {
        var host = Options.Host();
        var instance = Options.Instance();
        var service = new Option<string?>("--service") { Description = "Service on that host (default: its first, e.g. mariadb on a database server; `lab status --json` lists each host's)" };
        var extra = new Argument<string[]>("args") { Description = "Extra server arguments for start, after -- (e.g. -- --wsrep-new-cluster)", Arity = ArgumentArity.ZeroOrMore };
        var wait = new Option<bool>("--wait") { Description = "Then wait until the lab's health rule has nothing against this host (e.g. Synced, replicating again, HAProxy's backend UP)" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds --wait waits at most (stretched on slow VMs)", DefaultValueFactory = _ => 120 };
        var description = verb switch
        {
            "start" => "Start a host's service (mariadbd on a database node); extra arguments after -- e.g. --wsrep-new-cluster; --wait until it is healthy",
            "stop" => "Stop a host's service cleanly and wait until it has exited",
            _ => "Kill a host's service with SIGKILL (a crash); it stays down until `lab start`",
        };
        var command = new Command(verb, description) { host, instance, service };
        if (verb == "start")
        {
            command.Arguments.Add(extra);
            command.Options.Add(wait);
            command.Options.Add(timeout);
        }
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var clock = Stopwatch.StartNew();
            var lab = context.Open(context.ResolveInstance(parse.GetValue(instance)));
            var target = lab.Host(parse.GetValue(host)!);
            var name = parse.GetValue(service) ?? target.Definition.Services.FirstOrDefault()
                ?? throw new LabInputException($"{target.Name} runs no services");
            if (!target.Definition.Runs(name))
                throw new LabInputException($"{target.Name} does not run '{name}'; it runs: {string.Join(", ", target.Definition.Services)}");
            switch (verb)
            {
                case "start": await target.StartAsync(name, parse.GetValue(extra), ct); break;
                case "stop": await target.StopAsync(name, ct); break;
                default: await target.SignalAsync(name, ServiceSignal.Kill, ct); break;
            }
            // What was done, then the state it left: a crash and a clean stop end in the same state but mean different things.
            var done = verb switch { "start" => "started", "stop" => "stopped cleanly", _ => "killed (SIGKILL)" };
            context.Console.MarkupLineInterpolated($"{target.Name}: {name} {done}; now {await target.StatusAsync(name, ct)}");
            if (verb != "start" || !parse.GetValue(wait)) return ExitCodes.Ok;

            var outcome = await new HostHealthWait(lab, Until.Real.Paced(lab.Pace))
                .WaitAsync(target.Name, TimeSpan.FromSeconds(parse.GetValue(timeout)), m => context.Progress(clock.Elapsed, m), ct);
            if (outcome.Healthy)
            {
                context.Success(clock.Elapsed, $"{target.Name} is healthy: nothing in the lab's health rule stands against it");
                return ExitCodes.Ok;
            }
            var status = outcome.Status with { NameInstanceInHints = context.ExistingInstances().Count > 1 };
            context.Warning($"{target.Name} is still not healthy after {outcome.Elapsed.TotalSeconds:0}s:");
            StatusView.RenderProblems(context.Console, status.Problems.Where(p => p.Concerns(target.Name)));
            return ExitCodes.NotHealthy;
        }));
        return command;
    }
}
