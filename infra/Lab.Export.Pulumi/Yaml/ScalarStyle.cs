using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Lab.Export.Pulumi.Yaml;

/// <summary>
/// Chooses how a string is written so that any YAML parser reads back exactly the same characters:
/// plain when nothing in it could be mistaken for YAML syntax or another type, a literal block for
/// multi-line text (file contents stay readable), double quotes with escapes otherwise.
/// </summary>
internal static partial class ScalarStyle
{
    // No spaces, no comment or mapping indicators; starts where a plain scalar may start.
    [GeneratedRegex(@"^[A-Za-z_/$][A-Za-z0-9_./:${}@+=,-]*$")]
    private static partial Regex PlainWord();

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}(/\d{1,2})?$")]
    private static partial Regex Ipv4();

    private static readonly string[] Reserved = ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"];

    public static bool IsPlain(string value) =>
        value.Length > 0 && !value.EndsWith(':') && !value.Contains(": ") && !Reserved.Contains(value.ToLowerInvariant())
        && (PlainWord().IsMatch(value) || Ipv4().IsMatch(value));

    /// <summary>Multi-line text made only of characters a literal block carries verbatim.</summary>
    public static bool IsLiteral(string value) =>
        value.Contains('\n') && value.Any(c => c != '\n') && value.All(CarriedVerbatim); // only breaks: a block would read back as ""


    private static bool CarriedVerbatim(char c) =>
        c is '\n' or '\t' || (c >= ' ' && c is not ('\u007f' or '\u0085' or '\u2028' or '\u2029' or '\ufeff'));

    /// <summary>The block header after the key: indentation indicator when the text starts with or holds blank-looking space, and chomping.</summary>
    public static string LiteralHeader(string value, int indent)
    {
        var lines = value.Split('\n');
        var needsIndicator = value.StartsWith(' ') || lines.Any(l => l.Length > 0 && l.Trim(' ', '\t').Length == 0);
        var chomp = !value.EndsWith('\n') ? "-" : value.EndsWith("\n\n", StringComparison.Ordinal) ? "+" : "";
        return "|" + (needsIndicator ? indent.ToString(CultureInfo.InvariantCulture) : "") + chomp;
    }

    public static string DoubleQuoted(string value)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < ' ' || c == '\u007f' || c is '\u0085' or '\u2028' or '\u2029' or '\ufeff')
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
