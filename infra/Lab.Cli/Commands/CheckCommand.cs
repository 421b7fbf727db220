using System.CommandLine;
using System.Text.Json;
using Lab.Cli.Views;
using Lab.Core.Checks;
using Lab.Core.Errors;
using Lab.Core.Messages;

namespace Lab.Cli.Commands;

/// <summary>`lab check LAB`: grades a lab a student built by hand (after `lab up LAB --bare`) against labs/LAB/checks.yaml.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var lab = Options.Lab();
        var instance = Options.Instance();
        var language = new Option<string>("--lang") { Description = "Language of the titles, hints and lines: en or ko", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong([.. Languages.Codes]);
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (the same record as the instance's check-result.json)" };
        var command = new Command("check",
            "Grade a lab built by hand (`lab up LAB --bare`, then the guide's \"build it yourself\" steps): each item of labs/LAB/checks.yaml " +
            "(configuration, cluster, accounts, HAProxy, ...) looked at once, pass or fail with a hint, and a score. The result is kept in the " +
            "instance's directory as check-result.json. Exits 0 when every item passes, 3 when some fail")
        {
            lab, instance, language, json,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var checks = new CheckLoader(definition).Load();
            var named = parse.GetValue(instance) ?? context.Student?.Seat.Instance ?? (context.ExistingInstances().Contains(definition.Name) ? definition.Name : null);
            var name = context.ResolveInstance(named);
            var up = context.Open(name);
            if (up.Lab.Name != definition.Name)
                throw new LabInputException($"instance '{name}' runs lab '{up.Lab.Name}', not '{definition.Name}': lab check {up.Lab.Name} --instance {name}");
            var lang = Languages.Parse(parse.GetValue(language) ?? "en");
            var report = await new CheckRunner(up, lang, TimeProvider.System).RunAsync(checks, ct);
            var saved = report.Save(context.Layout.InstanceDir(name));
            if (parse.GetValue(json))
                context.Console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(report, CheckReport.Json));
            else
                CheckView.Render(context.Console, report, checks, up.Lab, lang, saved);
            return report.AllPassed ? ExitCodes.Ok : ExitCodes.NotHealthy;
        }));
        return command;
    }
}
