using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests.Support;

/// <summary>Small accessors over YamlDotNet's node tree, failing with the path that was missing.</summary>
public static class YamlTree
{
    public static YamlMappingNode ParseMap(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Assert.True(stream.Documents.Count == 1, $"expected one YAML document, got {stream.Documents.Count}");
        return Assert.IsType<YamlMappingNode>(stream.Documents[0].RootNode);
    }

    public static YamlNode? Find(this YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(p => ((YamlScalarNode)p.Key).Value == key).Value;

    public static YamlMappingNode Map(this YamlMappingNode map, string key) =>
        map.Find(key) as YamlMappingNode ?? throw new Xunit.Sdk.XunitException($"expected a mapping at '{key}'; keys are {string.Join(", ", map.Keys())}");

    public static YamlSequenceNode Seq(this YamlMappingNode map, string key) =>
        map.Find(key) as YamlSequenceNode ?? throw new Xunit.Sdk.XunitException($"expected a list at '{key}'; keys are {string.Join(", ", map.Keys())}");

    public static string Str(this YamlMappingNode map, string key) =>
        (map.Find(key) as YamlScalarNode)?.Value ?? throw new Xunit.Sdk.XunitException($"expected a scalar at '{key}'; keys are {string.Join(", ", map.Keys())}");

    public static IEnumerable<string> Keys(this YamlMappingNode map) => map.Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? "");

    /// <summary>Every scalar string in the tree with its path (keys are not interpolated by Pulumi, values are).</summary>
    public static IEnumerable<(string Path, string Value)> Scalars(YamlNode node, string path = "")
    {
        switch (node)
        {
            case YamlScalarNode s: yield return (path, s.Value ?? ""); break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++)
                    foreach (var x in Scalars(seq.Children[i], $"{path}[{i}]")) yield return x;
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                    foreach (var x in Scalars(v, path.Length == 0 ? ((YamlScalarNode)k).Value! : $"{path}.{((YamlScalarNode)k).Value}")) yield return x;
                break;
        }
    }
}
