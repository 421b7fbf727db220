using System.Collections.Concurrent;
using System.CommandLine;
using Spectre.Console;
using System.Diagnostics;
using Lab.Core.Errors;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Targets;
using Lab.Instances;
using Lab.Instances.Class;
using Lab.Targets.Local;

namespace Lab.Cli.Commands.Class;

internal static class ClassUpCommand
{
    public static Command Create(CliContext context)
    {
        var lab = Options.Lab();
        var roster = new Option<string>("--roster")
        {
            Description = "CSV file: a header line `name,user`, then one student per line: the name (it names their instance: lowercase letters, " +
                          "digits, '-') and their Unix account on this machine", Required = true,
        };
        var name = ClassCommand.Name();
        var parallel = new Option<int>("--parallel") { Description = "How many instances come up at the same time", DefaultValueFactory = _ => 2 };
        var command = new Command("up",
            "Give every student of the roster an instance of LAB on this machine (local target), named after them, and record who owns it. " +
            "Safe to repeat: students already up are kept, new lines of the roster are added")
        {
            lab, roster, name, parallel,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            Privileges.RequireRoot("lab class up");
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var className = InstanceName.Validate(parse.GetValue(name) ?? definition.Name);
            var students = ClassRoster.Load(parse.GetValue(roster)!, UserExists);
            var existing = ClassRecord.TryLoad(context.Layout, className);
            if (existing is not null && existing.Lab != definition.Name)
                throw new LabInputException($"class '{className}' runs lab {existing.Lab}, not {definition.Name}; name this one differently with --name");

            var seats = (existing?.Seats ?? []).ToList();
            foreach (var s in students.Where(s => seats.All(seat => seat.Student != s.Student)))
            {
                if (ClassRecord.All(context.Layout).FirstOrDefault(c => c.Name != className && c.Seats.Any(x => x.User == s.User || x.Instance == s.Student)) is { } other)
                    throw new LabInputException($"{parse.GetValue(roster)}:{s.Line}: '{s.Student}' ({s.User}) already has a seat in class {other.Name}");
                if (context.ExistingInstances().Contains(s.Student))
                    throw new LabInputException($"{parse.GetValue(roster)}:{s.Line}: an instance named '{s.Student}' exists and is not this class's; remove it (lab down --instance {s.Student}) or rename the student");
                seats.Add(new ClassSeat(s.Student, s.User, UnixUsers.Lookup(s.User).Uid, s.Student));
            }
            // Recorded before anything is made: `class down` finds every instance even after an interrupted up.
            var record = new ClassRecord(className, definition.Name, existing?.CreatedUtc ?? DateTimeOffset.UtcNow, seats, existing?.SudoRule);
            record.Save(context.Layout);

            var clock = Stopwatch.StartNew();
            var failed = new ConcurrentBag<string>();
            var live = context.ExistingInstances();
            using var gate = new SemaphoreSlim(Math.Max(1, parse.GetValue(parallel)));
            var done = 0;
            await Task.WhenAll(seats.Where(s => !live.Contains(s.Instance)).Select(async seat =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    context.Progress(clock.Elapsed, $"{seat.Student} ({seat.User}): bringing up {definition.Name} as instance '{seat.Instance}'");
                    var up = await context.UpAsync(LocalTarget.TargetName, new UpRequest(definition, seat.Instance, GaleraStart.SharedState), _ => { }, ct);
                    AppPasswordFile.Ensure(context.Layout, seat.Instance, up.Secrets);
                    context.Progress(clock.Elapsed, $"{seat.Student}: up ({Interlocked.Increment(ref done)} done)");
                }
                catch (LabException e)
                {
                    failed.Add($"{seat.Student}: {e.Message.Split('\n')[0]}");
                    context.Warning($"{seat.Student}: {e.Message.Split('\n')[0]}");
                }
                finally { gate.Release(); }
            }));

            context.Success(clock.Elapsed, $"class '{className}': {seats.Count - failed.Count}/{seats.Count} students have a {definition.Name} instance");
            context.Console.MarkupLine("[grey]next:[/]");
            if (record.SudoRule is null)
                context.Console.MarkupLine("  [grey]lab class sudo-rule --install     # let the students run `sudo lab ...` on their own instance only[/]");
            context.Console.MarkupLine("  [grey]students: sudo lab status ; sudo lab shell db1 ; sudo lab guide galera kill-node1-ist[/]");
            context.Console.MarkupLine("  [grey]lab class status [[--html class.html]] ; lab class down[/]");
            if (!failed.IsEmpty) throw new LabException($"{failed.Count} student(s) have no instance: {string.Join("; ", failed.Order())}; run `lab class up` again to retry them");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static bool UserExists(string user) =>
        File.ReadLines("/etc/passwd").Any(l => l.StartsWith(user + ":", StringComparison.Ordinal));
}
