using System.CommandLine;
using Spectre.Console;
using Lab.Instances.Class;

namespace Lab.Cli.Commands.Class;

internal static class ClassDownCommand
{
    public static Command Create(CliContext context)
    {
        var name = ClassCommand.Name();
        var command = new Command("down",
            "Remove exactly the class's instances (each through `down`, so only what it made), the sudo rule and wrapper it installed, and its " +
            "record; other instances on the machine are left alone. The access log stays. Safe to repeat")
        {
            name,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var all = ClassRecord.All(context.Layout);
            if (all.Count == 0 && parse.GetValue(name) is null)
            {
                context.Console.MarkupLine("nothing to remove: no class on this machine");
                return ExitCodes.Ok;
            }
            var record = ClassCommand.Resolve(context, parse.GetValue(name));
            Lab.Instances.Privileges.RequireRoot("lab class down");
            // The rule goes first: no student command runs against an instance while it is being removed.
            if (record.SudoRule is { } rule)
                foreach (var file in SudoRule.Remove(rule)) context.Console.MarkupLineInterpolated($"removed {file}");
            var existing = context.ExistingInstances();
            foreach (var seat in record.Seats.Where(s => existing.Contains(s.Instance)))
            {
                var report = await context.DownAsync(seat.Instance, ct);
                context.Console.MarkupLineInterpolated($"{seat.Student}: removed instance '{seat.Instance}' ({report})");
            }
            record.Delete(context.Layout);
            context.Console.MarkupLineInterpolated($"class '{record.Name}' removed ({record.Seats.Count} students); refused attempts stay in {ClassRecord.AccessLog(context.Layout)}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
