using Spectre.Console;
using System.CommandLine;
using System.Diagnostics;
using Lab.Targets.Local;

namespace Lab.Cli.Commands;

internal static class ShellCommand
{
    public static Command Create(CliContext context)
    {
        var host = Options.Host();
        var instance = Options.Instance();
        var run = new Argument<string[]>("command") { Description = "Command to run instead of an interactive shell (after --)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("shell", "Open a root shell inside a host, as `ssh db1` would: its own network, hostname and files (/etc/mysql, /var/lib/mysql, ...)")
        {
            host, instance, run,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var lab = context.Local.Open(context.ResolveInstance(parse.GetValue(instance)));
            var target = (LocalHost)lab.Host(parse.GetValue(host)!);
            var words = parse.GetValue(run) ?? [];
            var psi = new ProcessStartInfo("nsenter") { UseShellExecute = false };
            foreach (var a in target.EnterArgs) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add("env");
            psi.ArgumentList.Add("HOME=/root");
            psi.ArgumentList.Add("PS1=root@\\h:\\w# ");
            if (words.Length == 0)
            {
                psi.ArgumentList.Add("bash");
                psi.ArgumentList.Add("--norc");
                psi.ArgumentList.Add("-i");
                context.Console.MarkupLineInterpolated($"[grey]{target.Name} ({target.Definition.Address}); exit to leave[/]");
            }
            else
            {
                psi.ArgumentList.Add("sh");
                psi.ArgumentList.Add("-c");
                psi.ArgumentList.Add(string.Join(' ', words));
            }
            psi.WorkingDirectory = "/";
            using var process = Process.Start(psi)!;
            await process.WaitForExitAsync(ct);
            return process.ExitCode;
        }));
        return command;
    }
}
