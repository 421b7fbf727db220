using System.Globalization;
using System.Text;

namespace Lab.Export.Pulumi.Yaml;

/// <summary>
/// Writes <see cref="YNode"/> trees as block-style YAML, two spaces per level. Hand-rolled rather than
/// YamlDotNet's emitter so that file contents always come out as readable literal blocks and the output is stable.
/// </summary>
public static class YamlWriter
{
    public static string Write(YMap root, IEnumerable<string>? headerComments = null)
    {
        var sb = new StringBuilder();
        foreach (var line in headerComments ?? []) sb.Append(line.Length == 0 ? "#" : "# " + line).Append('\n');
        WriteMapEntries(sb, root, 0, firstInline: false);
        return sb.ToString();
    }

    private static void WriteMapEntries(StringBuilder sb, YMap map, int indent, bool firstInline)
    {
        var first = true;
        foreach (var (key, value, comment) in map.Entries)
        {
            var pad = first && firstInline ? "" : new string(' ', indent);
            if (comment is not null)
            {
                // A comment cannot sit between "- " and the first key; put it on its own line above.
                if (first && firstInline) sb.Append('\n').Append(' ', indent);
                else sb.Append(pad);
                sb.Append("# ").Append(comment).Append('\n');
                pad = new string(' ', indent);
            }
            sb.Append(pad).Append(Key(key)).Append(':');
            WriteValue(sb, value, indent);
            first = false;
        }
    }

    /// <summary>Writes what follows "key:" — a scalar on the same line, or a nested block on the next lines.</summary>
    private static void WriteValue(StringBuilder sb, YNode value, int indent)
    {
        switch (value)
        {
            case YMap { Entries.Count: 0 }: sb.Append(" {}\n"); break;
            case YMap map: sb.Append('\n'); WriteMapEntries(sb, map, indent + 2, firstInline: false); break;
            case YList { Items.Count: 0 }: sb.Append(" []\n"); break;
            case YList list: sb.Append('\n'); WriteList(sb, list, indent + 2); break;
            case YText { Value: var text } when ScalarStyle.IsLiteral(text): WriteLiteral(sb, text, indent); break;
            default: sb.Append(' ').Append(Scalar(value)).Append('\n'); break;
        }
    }

    private static void WriteList(StringBuilder sb, YList list, int indent)
    {
        foreach (var item in list.Items)
        {
            sb.Append(' ', indent).Append('-');
            switch (item)
            {
                case YMap { Entries.Count: > 0 } map: sb.Append(' '); WriteMapEntries(sb, map, indent + 2, firstInline: true); break;
                case YList { Items.Count: > 0 } inner: sb.Append('\n'); WriteList(sb, inner, indent + 2); break;
                case YText { Value: var text } when ScalarStyle.IsLiteral(text):
                    throw new ArgumentException("multi-line text directly in a list is not supported; put it under a key");
                default: WriteValue(sb, item, indent); break;
            }
        }
    }

    private static void WriteLiteral(StringBuilder sb, string text, int indent)
    {
        sb.Append(' ').Append(ScalarStyle.LiteralHeader(text, 2)).Append('\n');
        var body = text.EndsWith('\n') ? text[..^1] : text;
        foreach (var line in body.Split('\n'))
        {
            if (line.Length > 0) sb.Append(' ', indent + 2).Append(line);
            sb.Append('\n');
        }
    }

    private static string Key(string key) => ScalarStyle.IsPlain(key) ? key : ScalarStyle.DoubleQuoted(key);

    private static string Scalar(YNode node) => node switch
    {
        YText { Value: var t } => ScalarStyle.IsPlain(t) ? t : ScalarStyle.DoubleQuoted(t),
        YInt { Value: var n } => n.ToString(CultureInfo.InvariantCulture),
        YBool { Value: var b } => b ? "true" : "false",
        _ => throw new ArgumentException($"not a scalar: {node.GetType().Name}"),
    };
}
