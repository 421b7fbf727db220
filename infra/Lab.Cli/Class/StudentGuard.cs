using System.CommandLine;
using Lab.Instances.Class;

namespace Lab.Cli.Class;

/// <summary>
/// Keeps a student (an account of a class, come in through sudo) to their own instance: only the commands a student
/// needs, only with their own instance. Every refusal is written to the classes' access log. Root itself and
/// accounts that are not in a class are not limited here.
/// </summary>
internal static class StudentGuard
{
    /// <summary>What a student may run; everything else (bench, exec, export, render, class ...) is the instructor's.</summary>
    private static readonly HashSet<string> StudentCommands =
        ["up", "down", "status", "list", "shell", "sql", "start", "stop", "kill", "run", "env", "guide", "check"];

    /// <summary>Throws <see cref="NotAllowedException"/> (after logging it) when the parsed command is not the student's to run.</summary>
    public static void Check(CliContext context, ParseResult parse)
    {
        if (context.Student is not { } seat) return;
        var command = parse.CommandResult.Command;
        var words = string.Join(' ', parse.Tokens.Select(t => t.Value));
        string? reason = null;
        if (command is RootCommand) return; // --help, --version
        // The first word decides: `lab class up` is the instructor's even though `up` alone is a student's.
        var top = command;
        for (var r = parse.CommandResult.Parent as System.CommandLine.Parsing.CommandResult; r is not null && r.Command is not RootCommand;
             r = r.Parent as System.CommandLine.Parsing.CommandResult)
            top = r.Command;
        if (!StudentCommands.Contains(top.Name) || top != command)
            reason = $"`lab {string.Join(' ', words.Split(' ').Take(2))}` is for the instructor; as a student of class {seat.Class} you can use {string.Join(", ", StudentCommands.Order())} on your instance '{seat.Seat.Instance}'";
        else if (command.Options.FirstOrDefault(o => o.Name == "--all") is Option<bool> all && parse.GetValue(all))
            reason = $"--all would act on every student's instance; yours is '{seat.Seat.Instance}'";
        else if (command.Options.FirstOrDefault(o => o.Name == "--instance") is Option<string?> option && parse.GetValue(option) is { } named && named != seat.Seat.Instance)
            reason = $"instance '{named}' is not yours; {seat.Seat.User}'s instance is '{seat.Seat.Instance}' (leave out --instance to use it)";
        if (reason is null) return;
        AccessLog.Refused(context.Layout, context.Caller, words, reason);
        throw new NotAllowedException(reason);
    }
}
