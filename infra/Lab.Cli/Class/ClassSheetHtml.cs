using Lab.Core.Messages;
using Lab.Reports.Html;

namespace Lab.Cli.Class;

/// <summary>The class sheet as one self-contained page: a table with a row per student, healthy ones marked green.</summary>
public static class ClassSheetHtml
{
    private const string Styles = """
        td.state .badge { min-width: 74px; text-align: center; }
        td .problem { display: block; color: var(--muted); font-size: 12.5px; }
        """;

    public static string Render(ClassSheet sheet, Language language)
    {
        var t = ClassSheetText.Title.In(language, sheet.Class);
        var healthy = sheet.Rows.Count(r => r.Health == ClassSheet.Healthy);
        var header = Html.Element("tr", Html.Join(new[] { ClassSheetText.Student, ClassSheetText.Account, ClassSheetText.Instance, ClassSheetText.Health, ClassSheetText.Guide, ClassSheetText.Check }
            .Select(m => Html.Element("th", m.In(language)))));
        var rows = sheet.Rows.Select(r => Html.Element("tr", [("data-student", r.Student), ("data-health", r.Health)],
            Html.Element("td", r.Student),
            Html.Element("td", [("class", "mono")], r.User),
            Html.Element("td", [("class", "mono")], r.Instance),
            Html.Element("td", [("class", "state")],
                Html.Element("span", [("class", r.Health == ClassSheet.Healthy ? "badge pass" : "badge fail")], ClassSheetText.HealthWord(r.Health, language)),
                r.Problem is { } p ? Html.Element("span", [("class", "problem")], p) : Html.Empty),
            Html.Element("td", r.Guide ?? ClassSheetText.None.In(language)),
            Html.Element("td", [("class", "num")], r.Check ?? ClassSheetText.None.In(language))));
        var body = Html.Join(
            Html.Element("h1", t),
            Html.Element("p", [("class", "muted")], ClassSheetText.Subtitle.In(language, sheet.Lab, sheet.Rows.Count, sheet.ReadUtc.ToString("yyyy-MM-dd HH:mm 'UTC'"))),
            Html.Element("p", ClassSheetText.HealthySummary.In(language, healthy, sheet.Rows.Count)),
            Html.Element("table", [("id", "class-sheet")], Html.Element("thead", header), Html.Element("tbody", Html.Join(rows))));
        return new HtmlPage(language, t).WithStyles(Styles).Render(body);
    }
}
