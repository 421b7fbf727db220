using Spectre.Console;
using System.CommandLine;
using System.Diagnostics;
using Lab.Instances;
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
        var run = new Argument<string[]>("command") { Description = "Command to run instead of an interactive shell (after --)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("shell", "Open a root shell inside a host, as `ssh db1` would: its own network, hostname and files (/etc/mysql, /var/lib/mysql, ...)")
        {
            host, instance, run, onTarget,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var name = context.ResolveInstance(parse.GetValue(instance));
            var lives = context.TargetOf(name);
            if (parse.GetValue(onTarget) is { } expected && expected != lives)
                throw new CliException($"instance '{name}' lives on the {lives} target, not {expected}");
            var lab = context.Open(name);
            var words = parse.GetValue(run) ?? [];
            if (lab.Host(parse.GetValue(host)!) is SshHost remote) return await SshLoginAsync(context, remote, words, ct);
            var target = (LocalHost)lab.Host(parse.GetValue(host)!);
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

    /// <summary>A real ssh login (a terminal when interactive), with the same connection settings the tool uses.</summary>
    private static async Task<int> SshLoginAsync(CliContext context, SshHost host, string[] words, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("ssh") { UseShellExecute = false };
        foreach (var a in host.LoginArguments(tty: words.Length == 0)) psi.ArgumentList.Add(a);
        if (words.Length > 0) psi.ArgumentList.Add(Lab.Hosts.Ssh.Transport.SshArguments.RemoteCommand(host.Endpoint, string.Join(' ', words)));
        else context.Console.MarkupLineInterpolated($"[grey]{host.Name} ({host.Endpoint.User}@{host.Endpoint.Address}, lab address {host.Definition.Address}) over ssh; exit to leave[/]");
        using var process = Process.Start(psi)!;
        await process.WaitForExitAsync(ct);
        return process.ExitCode;
    }
}
