using System.CommandLine;
using Lab.Cli.Views;

namespace Lab.Cli.Commands;

/// <summary>`lab env`: the instance's endpoints and account as shell variables, for `eval "$(lab env)"`.</summary>
internal static class EnvCommand
{
    public static Command Create(CliContext context)
    {
        var instance = Options.Instance();
        var command = new Command("env",
            "Print `export` lines for sh/bash: LAB_INSTANCE, LAB_MYSQL_HOST/PORT (the lab's entry, HAProxy or the VIP, published on 127.0.0.1), " +
            "LAB_MYSQL_USER (app), LAB_MYSQL_PASSWORD_FILE (a 0600 file holding only its password), and per server LAB_DB1_HOST/PORT/ADDRESS... " +
            "Use: eval \"$(lab env)\"; mariadb -h \"$LAB_MYSQL_HOST\" -P \"$LAB_MYSQL_PORT\" -u \"$LAB_MYSQL_USER\" -p\"$(cat \"$LAB_MYSQL_PASSWORD_FILE\")\"")
        {
            instance,
        };
        command.SetAction((parse, _) => LabApp.Guard(context, () =>
        {
            var lab = context.Open(context.ResolveInstance(parse.GetValue(instance)));
            var writer = context.Console.Profile.Out.Writer;
            foreach (var line in ShellExports.Lines(LabAccess.Of(lab, context.Layout))) writer.WriteLine(line);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
