using System.Text;

namespace Lab.Export.Pulumi.Tests.Support;

/// <summary>
/// Pulumi YAML's string interpolation, as its parser reads it: <c>$$</c> is one <c>$</c>, <c>${access}</c> is a
/// reference, anything else is text. Written from the language reference, independent of the generator.
/// </summary>
public static class Interpolation
{
    public sealed record Part(string? Text, string? Access);

    public static IReadOnlyList<Part> Parse(string value)
    {
        var parts = new List<Part>();
        var text = new StringBuilder();
        for (var i = 0; i < value.Length;)
        {
            if (value.AsSpan(i).StartsWith("$$")) { text.Append('$'); i += 2; }
            else if (value.AsSpan(i).StartsWith("${"))
            {
                var end = value.IndexOf('}', i + 2);
                if (end < 0) throw new FormatException($"unterminated ${{ at {i} in: {Excerpt(value, i)}");
                if (text.Length > 0) { parts.Add(new Part(text.ToString(), null)); text.Clear(); }
                parts.Add(new Part(null, value[(i + 2)..end]));
                i = end + 1;
            }
            else { text.Append(value[i]); i++; }
        }
        if (text.Length > 0) parts.Add(new Part(text.ToString(), null));
        return parts;
    }

    /// <summary>The root name of an access such as <c>db1-vm.id</c> or <c>hosts[0]</c>.</summary>
    public static string Root(string access)
    {
        var end = access.IndexOfAny(['.', '[']);
        return end < 0 ? access : access[..end];
    }

    public static IEnumerable<string> References(string value) => Parse(value).Where(p => p.Access is not null).Select(p => p.Access!);

    /// <summary>The string Pulumi would produce, with each reference replaced by <paramref name="resolve"/>.</summary>
    public static string Evaluate(string value, Func<string, string> resolve) =>
        string.Concat(Parse(value).Select(p => p.Text ?? resolve(p.Access!)));

    private static string Excerpt(string s, int at) => s.Substring(Math.Max(0, at - 20), Math.Min(60, s.Length - Math.Max(0, at - 20)));
}
