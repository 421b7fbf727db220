using System.Text;

namespace Lab.Export.Pulumi;

/// <summary>
/// Builds Pulumi YAML string values. Every string in a Pulumi YAML program is an interpolation template, so
/// literal text has each <c>$</c> doubled (<c>$$</c> reads back as one <c>$</c>) and only references come out as <c>${...}</c>.
/// </summary>
public sealed class PulumiText
{
    private readonly StringBuilder _text = new();

    public PulumiText Text(string literal)
    {
        _text.Append(Escape(literal));
        return this;
    }

    /// <summary>A reference such as <c>db1-vm.id</c>, <c>adminUser</c> or <c>pulumi.stack</c>.</summary>
    public PulumiText Ref(string access)
    {
        _text.Append("${").Append(access).Append('}');
        return this;
    }

    public override string ToString() => _text.ToString();

    public static string Escape(string literal) => literal.Replace("$", "$$", StringComparison.Ordinal);

    public static string Of(string access) => "${" + access + "}";
}
