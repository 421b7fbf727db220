namespace Lab.Cli.Class;

/// <summary>The class sheet as CSV (RFC 4180 quoting), for a spreadsheet or a grade book.</summary>
public static class ClassSheetCsv
{
    public static string Render(ClassSheet sheet)
    {
        var lines = new List<string> { "student,user,instance,health,problem,guide,check" };
        lines.AddRange(sheet.Rows.Select(r => string.Join(',', new[] { r.Student, r.User, r.Instance, r.Health, r.Problem, r.Guide, r.Check }.Select(Field))));
        return string.Join('\n', lines) + "\n";
    }

    private static string Field(string? value) =>
        value is null ? "" : value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
