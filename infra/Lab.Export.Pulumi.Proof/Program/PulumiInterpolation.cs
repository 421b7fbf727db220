using System.Text;

namespace Lab.Export.Pulumi.Proof.Program;

/// <summary>
/// Pulumi YAML's string interpolation, as `pulumi up` applies it: <c>${expr}</c> is replaced by the expression's value and
/// <c>$$</c> stands for one <c>$</c>. Anything else is copied as is.
/// </summary>
public static class PulumiInterpolation
{
    /// <param name="value">The value of one expression such as <c>adminUser</c> or <c>root-password.result</c>.</param>
    public static string Resolve(string text, Func<string, string> value)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$' || i + 1 >= text.Length) { sb.Append(text[i]); continue; }
            if (text[i + 1] == '$') { sb.Append('$'); i++; continue; }
            if (text[i + 1] != '{') { sb.Append('$'); continue; }
            var end = text.IndexOf('}', i + 2);
            if (end < 0) throw new FormatException($"unterminated ${{ at offset {i}: {Excerpt(text, i)}");
            sb.Append(value(text[(i + 2)..end]));
            i = end;
        }
        return sb.ToString();
    }

    /// <summary>The expressions <paramref name="text"/> interpolates (what `${...}` holds), in order.</summary>
    public static IEnumerable<string> Expressions(string text)
    {
        var found = new List<string>();
        Resolve(text, e => { found.Add(e); return ""; });
        return found;
    }

    /// <summary>The resource an expression reads: <c>db1-vm</c> of <c>db1-vm.id</c>, <c>adminUser</c> of a config key.</summary>
    public static string Root(string expression)
    {
        var dot = expression.IndexOfAny(['.', '[']);
        return dot < 0 ? expression : expression[..dot];
    }

    private static string Excerpt(string text, int at) => text.Substring(at, Math.Min(40, text.Length - at));
}
