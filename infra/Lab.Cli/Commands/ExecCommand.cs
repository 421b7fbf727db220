using System.CommandLine;

namespace Lab.Cli.Commands;

/// <summary>
/// `lab exec -- PROGRAM ARGS...`: runs a program where `lab` itself runs its local instances. As root that is simply
/// here; for an ordinary user it is inside the user's rootless namespaces, where a test process using the Lab.Testing
/// library (which cannot move itself there: a process with several threads may not join a user namespace) sees and
/// makes the same instances as `lab up` does.
/// </summary>
internal static class ExecCommand
{
    public static Command Create(CliContext context)
    {
        var program = new Argument<string[]>("program") { Description = "The program and its arguments, after --", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", "Run a program beside your lab instances: as root, here; without root, inside your rootless namespaces " +
                                          "(e.g. lab exec -- dotnet test samples/galera-retry/tests/GaleraRetry.Tests, for tests using Lab.Testing)")
        {
            program,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var line = parse.GetValue(program)!;
            try
            {
                return await ChildProcess.RunAsync(line[0], line[1..], context.ChildOutput, ct, Environment.CurrentDirectory);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new Lab.Core.Errors.LabInputException($"lab exec: cannot run '{line[0]}': {e.Message}");
            }
        }));
        return command;
    }
}
