using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Lab.Reports.Html;

/// <summary>
/// A piece of markup that is safe to put in a page. The only ways to make one escape what they are given
/// (<see cref="Text"/>, the implicit conversion from a string, <see cref="Element"/>'s attribute values), so text from a
/// lab, a scenario or a server's answer can never become markup by accident. Works for HTML and inline SVG alike.
/// </summary>
public readonly partial struct Html
{
    private readonly string? _markup;

    private Html(string markup) => _markup = markup;

    public static Html Empty => default;

    public bool IsEmpty => string.IsNullOrEmpty(_markup);

    /// <summary>Text, escaped: &lt;, &gt;, &amp; and both quotes.</summary>
    public static Html Text(string? text) => new(WebUtility.HtmlEncode(text ?? ""));

    public static implicit operator Html(string? text) => Text(text);

    /// <summary>Several pieces one after another.</summary>
    public static Html Join(IEnumerable<Html> parts)
    {
        var sb = new StringBuilder();
        foreach (var p in parts) sb.Append(p._markup);
        return new Html(sb.ToString());
    }

    public static Html Join(params Html[] parts) => Join((IEnumerable<Html>)parts);

    /// <summary>
    /// An element: <paramref name="name"/> with its attributes (value null: left out; empty: a bare attribute) and
    /// content. Names are checked (letters, digits, '-' and ':'), values escaped. Void elements (br, meta, img...) take no content.
    /// </summary>
    public static Html Element(string name, IEnumerable<KeyValuePair<string, string?>>? attributes, params Html[] content)
    {
        CheckName(name);
        var sb = new StringBuilder("<").Append(name);
        foreach (var (key, value) in attributes ?? [])
        {
            if (value is null) continue;
            CheckName(key);
            sb.Append(' ').Append(key);
            if (value.Length > 0) sb.Append("=\"").Append(WebUtility.HtmlEncode(value)).Append('"');
        }
        sb.Append('>');
        if (VoidElements.Contains(name))
        {
            if (content.Any(c => !c.IsEmpty)) throw new ArgumentException($"<{name}> takes no content");
            return new Html(sb.ToString());
        }
        foreach (var c in content) sb.Append(c._markup);
        return new Html(sb.Append("</").Append(name).Append('>').ToString());
    }

    /// <summary>An element with attributes given as ("class", "x") pairs.</summary>
    public static Html Element(string name, (string Key, string? Value)[] attributes, params Html[] content) =>
        Element(name, attributes.Select(a => new KeyValuePair<string, string?>(a.Key, a.Value)), content);

    /// <summary>An element without attributes.</summary>
    public static Html Element(string name, params Html[] content) => Element(name, (IEnumerable<KeyValuePair<string, string?>>?)null, content);

    /// <summary>
    /// Markup written by this assembly itself (the stylesheet inside &lt;style&gt;): never text from elsewhere. Refuses what
    /// would end its element early.
    /// </summary>
    internal static Html Trusted(string markup, string insideElement)
    {
        if (markup.Contains("</" + insideElement, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"trusted markup must not close <{insideElement}>");
        return new Html(markup);
    }

    public override string ToString() => _markup ?? "";

    private static readonly HashSet<string> VoidElements = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9:-]*$")]
    private static partial Regex Name();

    private static void CheckName(string name)
    {
        if (!Name().IsMatch(name)) throw new ArgumentException($"'{name}' is not an element or attribute name");
    }
}
