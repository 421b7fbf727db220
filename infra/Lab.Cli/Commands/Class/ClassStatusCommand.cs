using System.CommandLine;
using Lab.Cli.Class;
using Spectre.Console;

namespace Lab.Cli.Commands.Class;

internal static class ClassStatusCommand
{
    public static Command Create(CliContext context)
    {
        var name = ClassCommand.Name();
        var csv = new Option<string?>("--csv") { Description = "Also write the sheet as CSV to this file" };
        var html = new Option<string?>("--html") { Description = "Also write the sheet as one self-contained HTML page to this file" };
        var language = new Option<string>("--lang") { Description = "Language of the HTML sheet: en or ko", DefaultValueFactory = _ => "en" };
        language.AcceptOnlyFromAmong([.. Lab.Core.Messages.Languages.Codes]);
        var command = new Command("status",
            "One row per student: their instance's health (and its first problem), how far they got in `lab guide`, and their last `lab check` score. " +
            "Exits 0 when every student's instance is healthy, 3 when some are not")
        {
            name, csv, html, language,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var record = ClassCommand.Resolve(context, parse.GetValue(name));
            var sheet = await ClassSheet.ReadAsync(context, record, ct);
            var table = new Table().AddColumns("student", "user", "instance", "health", "guide", "check");
            foreach (var r in sheet.Rows)
                table.AddRow(Markup.Escape(r.Student), Markup.Escape(r.User), Markup.Escape(r.Instance),
                    r.Health == ClassSheet.Healthy ? "[green]healthy[/]" : $"[red]{Markup.Escape(r.Health)}[/]" + (r.Problem is { } p ? $" [grey]{Markup.Escape(p)}[/]" : ""),
                    Markup.Escape(r.Guide ?? "-"), Markup.Escape(r.Check ?? "-"));
            context.Console.MarkupLineInterpolated($"class '{sheet.Class}' ({sheet.Lab}), {sheet.Rows.Count} students");
            context.Console.Write(table);
            if (parse.GetValue(csv) is { } csvFile)
            {
                await File.WriteAllTextAsync(csvFile, ClassSheetCsv.Render(sheet), ct);
                context.Console.MarkupLineInterpolated($"CSV: {csvFile}");
            }
            if (parse.GetValue(html) is { } htmlFile)
            {
                await File.WriteAllTextAsync(htmlFile, ClassSheetHtml.Render(sheet, Lab.Core.Messages.Languages.Parse(parse.GetValue(language)!)), ct);
                context.Console.MarkupLineInterpolated($"HTML: {htmlFile}");
            }
            return sheet.Rows.All(r => r.Health == ClassSheet.Healthy) ? ExitCodes.Ok : ExitCodes.NotHealthy;
        }));
        return command;
    }
}
