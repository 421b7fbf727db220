using Spectre.Console;
using System.CommandLine;
using Lab.Core.Errors;
using Lab.Targets.Local;
using Lab.Hosts.Ssh;

namespace Lab.Cli.Commands;

internal static class ShellCommand
{
    public static Command Create(CliContext context)
    {
        var host = Options.Host();
        var instance = Options.Instance();
        var onTarget = new Option<string?>("--target", "-t") { Description = "Check that the instance lives on this target (local, machines, ssh); machines and ssh hosts are entered with a real ssh login" };
        var run = new Argument<string[]>("command") { Description = "Command to run instead of an interactive shell (after --); each word is passed as it is, e.g. -- mariadb -e 'SELECT @@hostname'", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("shell", "Open a root shell inside a host, as `ssh db1` would: its own network, hostname and files (/etc/mysql, /var/lib/mysql, ...)")
        {
            host, instance, run, onTarget,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var name = context.ResolveInstance(parse.GetValue(instance));
            var lives = context.TargetOf(name);
            if (parse.GetValue(onTarget) is { } expected && expected != lives)
                throw new LabInputException($"instance '{name}' lives on the {lives} target, not {expected}");
            var words = parse.GetValue(run) ?? [];
            var (program, arguments, banner) = context.Open(name).Host(parse.GetValue(host)!) switch
            {
                SshHost remote => ("ssh", remote.ShellArguments(words),
                    $"{remote.Name} ({remote.Endpoint.User}@{remote.Endpoint.Address}, lab address {remote.Definition.Address}) over ssh; exit to leave"),
                LocalHost local => ("nsenter", local.ShellArgs(words), $"{local.Name} ({local.Definition.Address}); exit to leave"),
                var other => throw new CliException($"{other.Name}: `lab shell` does not know how to enter a host of this kind"),
            };
            if (words.Length > 0)
                return await ChildProcess.RunAsync(program, arguments, context.ChildOutput, ct);
            // An interactive shell needs the terminal itself, whoever runs the tool.
            context.Console.MarkupLineInterpolated($"[grey]{banner}[/]");
            return await ChildProcess.RunAsync(program, arguments, output: null, ct);
        }));
        return command;
    }
}
