using Lab.Core.Messages;

namespace Lab.Reports.Html;

/// <summary>
/// One self-contained HTML page: doctype, the language, UTF-8, a title, one inline stylesheet (the shared one plus the
/// page's own rules) and a body built from <see cref="Html"/>, so everything in it is escaped. A content security
/// policy forbids scripts and anything fetched from elsewhere: the file shows the same offline, mailed, or years later.
/// Used by the run report; meant for other pages too (a class sheet).
/// </summary>
public sealed class HtmlPage(Language language, string title)
{
    /// <summary>The policy in the page's head: styles inline, images only as data: URLs, nothing else (no scripts, no fetches).</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private readonly List<string> _styles = [PageStyles.Base];

    /// <summary>Adds the page's own CSS rules after the shared ones.</summary>
    public HtmlPage WithStyles(string css)
    {
        _styles.Add(css);
        return this;
    }

    public string Render(Html body)
    {
        var head = Html.Element("head",
            Html.Element("meta", [("charset", "utf-8")]),
            Html.Element("meta", [("http-equiv", "Content-Security-Policy"), ("content", ContentSecurityPolicy)]),
            Html.Element("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
            Html.Element("title", title),
            Html.Element("style", Html.Trusted(string.Join("\n", _styles), "style")));
        return "<!DOCTYPE html>\n" + Html.Element("html", [("lang", language.Code())], head, Html.Element("body", body)) + "\n";
    }
}
