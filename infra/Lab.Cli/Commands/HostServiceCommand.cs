using System.CommandLine;
using Lab.Targets.Local;
using Lab.Targets.Local.HostCommands;

namespace Lab.Cli.Commands;

/// <summary>
/// Hidden: what a namespace host's `systemctl`, `service`, `journalctl` and `galera_new_cluster` run (see
/// <see cref="ServiceShims"/>). It runs inside the host and prints exactly what systemd's command would, with its exit
/// code; nothing of the tool's own look.
/// </summary>
internal static class HostServiceCommand
{
    public static Command Create(CliContext context)
    {
        var instance = new Option<string>("--instance") { Required = true };
        var host = new Option<string>("--host") { Required = true };
        var services = new Option<string>("--services") { Description = "The host's services, comma-separated", DefaultValueFactory = _ => "" };
        var words = new Argument<string[]>("command") { Description = "The program and its arguments, after --", Arity = ArgumentArity.OneOrMore };
        var command = new Command("host-service", "Run inside a namespace host by its systemctl, service, journalctl and galera_new_cluster")
        {
            instance, host, services, words,
        };
        command.Hidden = true;
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var (name, hostName) = (parse.GetValue(instance)!, parse.GetValue(host)!);
            await InsideHost.RequireAsync(name, hostName, ct);
            var all = parse.GetValue(words)!;
            var units = new HostUnits(parse.GetValue(services)!.Split(',', StringSplitOptions.RemoveEmptyEntries));
            var session = new HostServiceSession(new ServiceSupervisor(context.Layout, name, hostName, insideHost: true), hostName, units,
                context.Console.Profile.Out.Writer, context.Error);
            var code = await HostServiceCommands.RunAsync(session, all[0], all[1..], ct);
            context.Console.Profile.Out.Writer.Flush();
            return code;
        }));
        return command;
    }
}
