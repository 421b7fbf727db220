using System.CommandLine;
using Spectre.Console;
using Lab.Instances;
using Lab.Instances.Class;

namespace Lab.Cli.Commands.Class;

internal static class ClassSudoRuleCommand
{
    public static Command Create(CliContext context)
    {
        var name = ClassCommand.Name();
        var install = new Option<bool>("--install") { Description = "Write the wrapper and /etc/sudoers.d/lab-class-NAME (checked with visudo first); without it, only show them" };
        var wrapper = new Option<string>("--wrapper")
        {
            Description = "Where the students' `lab` command goes: it must be in a directory only root can write", DefaultValueFactory = _ => SudoRule.DefaultWrapper,
        };
        var command = new Command("sudo-rule",
            "Show (or --install) what lets the class's students run `sudo lab ...` without a password: a wrapper that runs this build of lab " +
            "with this machine's state, and a sudoers rule allowing the roster's accounts that one command. lab itself then keeps each " +
            "student to their own instance. `lab class down` removes both")
        {
            name, install, wrapper,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var record = ClassCommand.Resolve(context, parse.GetValue(name));
            var rule = new SudoRule(record, parse.GetValue(wrapper)!, ToolCommand(), context.Layout, context.Catalog.Root);
            if (!parse.GetValue(install))
            {
                context.Console.MarkupLineInterpolated($"[grey]{rule.SudoersFile}:[/]");
                context.Console.WriteLine(rule.SudoersText);
                context.Console.MarkupLineInterpolated($"[grey]{parse.GetValue(wrapper)}:[/]");
                context.Console.WriteLine(rule.WrapperText);
                context.Console.MarkupLine("[grey]install both with --install[/]");
                return ExitCodes.Ok;
            }
            Privileges.RequireRoot("lab class sudo-rule --install");
            var installed = await rule.InstallAsync(ct);
            (record with { SudoRule = installed }).Save(context.Layout);
            context.Console.MarkupLineInterpolated($"installed {installed.SudoersFile} and {installed.Wrapper}: the {record.Seats.Count} students of class '{record.Name}' run `sudo {installed.Wrapper} ...`");
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>This very build of lab, as a command line: its own executable, or the dotnet host and lab.dll.</summary>
    private static IReadOnlyList<string> ToolCommand()
    {
        var dll = typeof(LabApp).Assembly.Location;
        var apphost = Path.Combine(Path.GetDirectoryName(dll)!, "lab");
        if (Environment.ProcessPath is { } process && process == apphost) return [apphost];
        var dotnet = Environment.ProcessPath is { } p && Path.GetFileName(p) == "dotnet" ? p
            : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "/usr/bin/dotnet";
        return [dotnet, dll];
    }
}
