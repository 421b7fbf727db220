using System.CommandLine;
using Lab.Cli.Commands;
using Lab.Core.Loading;
using Lab.Instances;
using Lab.Core.Errors;
using Spectre.Console;

namespace Lab.Cli;

/// <summary>The `lab` command tree. Built around an <see cref="IAnsiConsole"/> so tests run it in-process and read its output.</summary>
public static class LabApp
{
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "lab: database high-availability teaching labs from templates, on this machine (Linux namespaces), " +
            "classroom VMs or the cloud.\n\n" +
            "Typical session:\n" +
            "  lab up galera                 # db1-3 (MariaDB Galera), haproxy, client; ends with the status\n" +
            "  lab status                    # what the lab's health rests on, per host; each problem with its next command\n" +
            "  lab sql db2 \"CREATE DATABASE lab1\"\n" +
            "  lab shell client              # then: mariadb -e 'SELECT @@hostname'   (goes through HAProxy)\n" +
            "  lab kill db1 ; lab start db1 --wait   # it rejoins by IST; --wait returns once it is Synced\n" +
            "  lab up replication            # or failover, lvs, ha-drbd: `lab list` names the labs, `lab sql --help` their hosts\n" +
            "  lab up galera --bare -i s1    # hosts as installed: build it by hand (the guide), then: lab check galera -i s1\n" +
            "  lab down                      # removes only what this instance made\n\n" +
            "In CI: `lab up galera --json` (JSON on stdout, progress on stderr; docs/lab-up.schema.json), " +
            "`eval \"$(lab env)\"` (LAB_MYSQL_HOST, _PORT, _USER, _PASSWORD_FILE), docs/ci.md.\n" +
            "Without root, the local target runs inside your own user namespaces (rootless mode: needs the uidmap package and " +
            "subordinate ids in /etc/subuid and /etc/subgid; state in ~/.local/state/lab, cache in ~/.cache/lab; README, \"Without root\").\n" +
            ExitCodes.Help);
        foreach (var command in new[]
                 {
                     UpCommand.Create(context), DownCommand.Create(context), StatusCommand.Create(context), ListCommand.Create(context),
                     SqlCommand.Create(context), ShellCommand.Create(context), RenderCommand.Create(context), RunCommand.Create(context),
                     ServiceCommands.Create(context, "start"), ServiceCommands.Create(context, "stop"), ServiceCommands.Create(context, "kill"),
                     ExportCommand.Create(context), BenchCommand.Create(context), ExecCommand.Create(context), EnvCommand.Create(context),
                     CheckCommand.Create(context), GuideCommand.Create(context), Commands.Class.ClassCommand.Create(context),
                     HostServiceCommand.Create(context),
                 })
            root.Subcommands.Add(command);
        return root;
    }

    /// <param name="childrenShareStdout">See <see cref="CliContext.ChildrenShareStdout"/>: true only for the real process.</param>
    /// <param name="error">See <see cref="CliContext.Error"/>: null writes it with the rest of the output.</param>
    /// <param name="terminal">See <see cref="CliContext.Terminal"/>.</param>
    /// <param name="input">See <see cref="CliContext.Input"/>: null reads the tool's standard input.</param>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, LocalLayout? layout = null, Func<LabCatalog>? catalog = null,
        bool childrenShareStdout = false, TextWriter? error = null, bool terminal = false, TextReader? input = null)
    {
        var context = new CliContext(console, catalog ?? LabCatalog.Locate, layout ?? LocalLayout.Default)
        {
            ChildrenShareStdout = childrenShareStdout, Error = error ?? console.Profile.Out.Writer, Terminal = terminal, Input = input ?? System.Console.In,
        };
        var root = Build(context);
        var parse = root.Parse(args);
        if (parse.Action is System.CommandLine.Help.HelpAction) HostHelp.Describe(root, context.Catalog);
        else if (parse.Errors.Count == 0)
        {
            // A student (a class account through sudo) is kept to their own instance before anything runs.
            var refused = await Guard(context, () => { Class.StudentGuard.Check(context, parse); return Task.FromResult(ExitCodes.Ok); });
            if (refused != ExitCodes.Ok) return refused;
        }
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = new ConsoleWriter(console), Error = new ConsoleWriter(context.ErrorConsole) });
        // System.CommandLine reports an unknown command or option, or a bad value, with 1: here that is bad input.
        return parse.Action is System.CommandLine.Invocation.ParseErrorAction && exit != ExitCodes.Ok ? ExitCodes.BadInput : exit;
    }

    /// <summary>
    /// Runs a command body, turning the errors users can fix into one clear line on standard error and the exit code
    /// of their kind (<see cref="ExitCodes"/>).
    /// </summary>
    public static async Task<int> Guard(CliContext context, Func<Task<int>> body)
    {
        var error = context.ErrorConsole;
        try
        {
            return await body();
        }
        catch (OperationCanceledException)
        {
            error.MarkupLine("[yellow]interrupted[/]");
            return ExitCodes.Interrupted;
        }
        catch (LabException e)
        {
            error.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return ExitCodes.For(e);
        }
        catch (Exception e)
        {
            // Not something the user can fix: a bug, shown as one, with where it happened.
            error.MarkupLineInterpolated($"[red]internal error (a bug in lab; please report it):[/] {e.GetType().Name}: {e.Message}");
            error.WriteLine(e.StackTrace ?? "", new Style(Color.Grey));
            return ExitCodes.InternalError;
        }
    }
}

/// <summary>Routes System.CommandLine's own output (help, parse errors) through the same console.</summary>
/// <remarks>A plain TextWriter: every other Write/WriteLine overload (char[], span, the bare WriteLine() that help
/// uses for line breaks) ends in Write(char), so nothing is kept in a private buffer.</remarks>
internal sealed class ConsoleWriter(IAnsiConsole console) : TextWriter
{
    public override System.Text.Encoding Encoding => console.Profile.Encoding;
    public override void Write(char value) => console.Profile.Out.Writer.Write(value);
    public override void Write(string? value) => console.Profile.Out.Writer.Write(value);
    public override void WriteLine(string? value) => console.Profile.Out.Writer.WriteLine(value);
}
