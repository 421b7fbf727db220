using System.Globalization;

namespace Lab.Reports.Html;

/// <summary>Inline SVG shapes as <see cref="Html"/>: numbers written the same in every culture, texts escaped like all the rest.</summary>
public static class Svg
{
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static Html Rect(double x, double y, double width, double height, string? cssClass = null, string? fill = null, double radius = 0, string? tooltip = null,
        string? stroke = null) =>
        Html.Element("rect", [("x", N(x)), ("y", N(y)), ("width", N(Math.Max(width, 0))), ("height", N(height)), ("rx", radius > 0 ? N(radius) : null),
            ("class", cssClass), ("fill", fill), ("stroke", stroke)], Tooltip(tooltip));

    public static Html Line(double x1, double y1, double x2, double y2, string cssClass) =>
        Html.Element("line", [("x1", N(x1)), ("y1", N(y1)), ("x2", N(x2)), ("y2", N(y2)), ("class", cssClass)]);

    public static Html Circle(double cx, double cy, double r, string cssClass, string? tooltip = null) =>
        Html.Element("circle", [("cx", N(cx)), ("cy", N(cy)), ("r", N(r)), ("class", cssClass)], Tooltip(tooltip));

    public static Html Polygon(IEnumerable<(double X, double Y)> points, string cssClass, string? tooltip = null) =>
        Html.Element("polygon", [("points", string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))), ("class", cssClass)], Tooltip(tooltip));

    /// <summary>Text at (x, y) baseline; <paramref name="anchor"/> is start, middle or end.</summary>
    public static Html Text(double x, double y, string text, string? cssClass = null, string anchor = "start") =>
        Html.Element("text", [("x", N(x)), ("y", N(y)), ("class", cssClass), ("text-anchor", anchor == "start" ? null : anchor)], text);

    public static Html Group(string? cssClass, params Html[] content) => Html.Element("g", [("class", cssClass)], content);

    /// <summary>A tooltip the browser shows on hover, without any script.</summary>
    private static Html Tooltip(string? text) => text is null ? Html.Empty : Html.Element("title", text);
}
