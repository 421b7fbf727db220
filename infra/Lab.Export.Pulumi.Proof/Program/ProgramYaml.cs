using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Proof.Program;

/// <summary>Small lookups in a parsed Pulumi YAML document: dotted paths through mappings, and the string inside an <c>fn::</c> call.</summary>
public static class ProgramYaml
{
    public static YamlNode? Node(YamlNode node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next)) return null;
            node = next;
        }
        return node;
    }

    public static string? Scalar(YamlNode node, string path) => Node(node, path) switch
    {
        YamlScalarNode s => s.Value,
        // `fn::toBase64: text` and `fn::secret: text`: the payload is the text itself (the proof hands it over undecoded).
        YamlMappingNode { Children.Count: 1 } fn when fn.Children.Single() is { Key: YamlScalarNode k, Value: YamlScalarNode v }
            && k.Value is "fn::toBase64" or "fn::secret" => v.Value,
        _ => null,
    };

    /// <summary>The scalars of a sequence (<c>dependsOn: [${a}, ${b}]</c>); empty when absent.</summary>
    public static IReadOnlyList<string> Strings(YamlNode? node) =>
        node is YamlSequenceNode seq ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList() : [];
}
