using Spectre.Console;
using System.CommandLine;
using Lab.Core.Hosts;

namespace Lab.Cli.Commands;

/// <summary>`lab start|stop|kill HOST`: what `systemctl start|stop mariadb` and `kill -9` do on a VM.</summary>
internal static class ServiceCommands
{
    public static Command Create(CliContext context, string verb)
    {
        var host = Options.Host();
        var instance = Options.Instance();
        var service = new Option<string?>("--service") { Description = "Service on that host (default: its first, e.g. galera on db1)" };
        var extra = new Argument<string[]>("args") { Description = "Extra server arguments for start, after -- (e.g. -- --wsrep-new-cluster)", Arity = ArgumentArity.ZeroOrMore };
        var description = verb switch
        {
            "start" => "Start a host's service (mariadbd on a database node); extra arguments after -- e.g. --wsrep-new-cluster",
            "stop" => "Stop a host's service cleanly and wait until it has exited",
            _ => "Kill a host's service with SIGKILL (a crash); it stays down until `lab start`",
        };
        var command = new Command(verb, description) { host, instance, service };
        if (verb == "start") command.Arguments.Add(extra);
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var lab = context.Open(context.ResolveInstance(parse.GetValue(instance)));
            var target = lab.Host(parse.GetValue(host)!);
            var name = parse.GetValue(service) ?? target.Definition.Services.FirstOrDefault()
                ?? throw new CliException($"{target.Name} runs no services");
            if (!target.Definition.Runs(name))
                throw new CliException($"{target.Name} does not run '{name}'; it runs: {string.Join(", ", target.Definition.Services)}");
            switch (verb)
            {
                case "start": await target.StartAsync(name, verb == "start" ? parse.GetValue(extra) : null, ct); break;
                case "stop": await target.StopAsync(name, ct); break;
                default: await target.SignalAsync(name, ServiceSignal.Kill, ct); break;
            }
            // What was done, then the state it left: a crash and a clean stop end in the same state but mean different things.
            var done = verb switch { "start" => "started", "stop" => "stopped cleanly", _ => "killed (SIGKILL)" };
            context.Console.MarkupLineInterpolated($"{target.Name}: {name} {done}; now {await target.StatusAsync(name, ct)}");
            return 0;
        }));
        return command;
    }
}
