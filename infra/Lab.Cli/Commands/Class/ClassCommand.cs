using System.CommandLine;

namespace Lab.Cli.Commands.Class;

/// <summary>`lab class`: a lab instance for every student of a roster, owned by their Unix account.</summary>
internal static class ClassCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("class",
            "Run a class on this machine: `class up LAB --roster students.csv` gives every student an instance of their own (named after " +
            "them, own subnet and networks) and records who owns it; `class sudo-rule --install` lets the students run `sudo lab ...`, which then " +
            "acts only on their own instance (anything else is refused, exit 77, and logged); `class status` shows one row per student " +
            "(health, guide progress, last check score; --csv/--html); `class down` removes exactly the class's instances and its sudo rule")
        {
            ClassUpCommand.Create(context), ClassStatusCommand.Create(context), ClassDownCommand.Create(context), ClassSudoRuleCommand.Create(context),
        };
        return command;
    }

    public static Option<string?> Name() => new("--name") { Description = "The class (default: the only class on this machine; for `class up`, the lab's name)" };

    /// <summary>The class a command acts on: the one named, else the only one.</summary>
    public static Lab.Instances.Class.ClassRecord Resolve(CliContext context, string? named)
    {
        var all = Lab.Instances.Class.ClassRecord.All(context.Layout);
        if (named is not null)
            return all.FirstOrDefault(c => c.Name == named) ?? throw new Lab.Core.Errors.LabInputException(
                $"no class '{named}' on this machine" + (all.Count > 0 ? $" (there is: {string.Join(", ", all.Select(c => c.Name))})" : "; start one with `lab class up galera --roster students.csv`"));
        return all.Count switch
        {
            1 => all[0],
            0 => throw new Lab.Core.Errors.LabInputException("no class on this machine; start one with `lab class up galera --roster students.csv`"),
            _ => throw new Lab.Core.Errors.LabInputException($"several classes ({string.Join(", ", all.Select(c => c.Name))}); choose one with --name NAME"),
        };
    }
}
