using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests.Support;

/// <summary>
/// The in-repo lists of provider resources and input types we rely on (infra/Lab.Export.Pulumi/ProviderSchema/*.yaml,
/// extracted from the providers' npm TypeScript declarations), and a checker of a resource's properties against them.
/// </summary>
public sealed class ProviderSchema
{
    public sealed record TypeSpec(IReadOnlyDictionary<string, string> Properties, IReadOnlyList<string> Required, string Source);

    public sealed record ResourceSpec(string Package, string Version, string Docs, TypeSpec Inputs);

    public static string Folder => System.IO.Path.Combine(RepoRoot.Path, "infra", "Lab.Export.Pulumi", "ProviderSchema");

    public Dictionary<string, ResourceSpec> Resources { get; } = new();
    public Dictionary<string, TypeSpec> Types { get; } = new();

    public static ProviderSchema Load()
    {
        var schema = new ProviderSchema();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml").Order())
        {
            var root = YamlTree.ParseMap(File.ReadAllText(file));
            var package = root.Str("package");
            var version = root.Str("version");
            foreach (var (key, value) in root.Map("resources").Children)
            {
                var spec = (YamlMappingNode)value;
                schema.Resources[((YamlScalarNode)key).Value!] = new ResourceSpec(package, version, spec.Str("docs"), Type(spec, $"{package}@{version}"));
            }
            foreach (var (key, value) in root.Map("types").Children)
                schema.Types[$"{package}:{((YamlScalarNode)key).Value!}"] = Type((YamlMappingNode)value, $"{package}@{version}");
        }
        return schema;
    }

    private static TypeSpec Type(YamlMappingNode spec, string source) => new(
        spec.Map("properties").Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!),
        spec.Seq("required").Children.Select(n => ((YamlScalarNode)n).Value!).ToList(),
        source);

    /// <summary>Problems with one resource declaration: unknown type, unknown or missing properties, nested types not in the list.</summary>
    public IReadOnlyList<string> Check(string resourceName, YamlMappingNode resource)
    {
        var problems = new List<string>();
        var type = resource.Str("type");
        if (!Resources.TryGetValue(type, out var spec))
        {
            problems.Add($"{resourceName}: resource type {type} is not in ProviderSchema/*.yaml");
            return problems;
        }
        var properties = resource.Find("properties") as YamlMappingNode ?? new YamlMappingNode();
        CheckObject($"{resourceName}({type})", properties, spec.Inputs, spec.Package, problems);
        return problems;
    }

    private void CheckObject(string path, YamlMappingNode value, TypeSpec spec, string package, List<string> problems)
    {
        if (IsExpression(value)) return;
        foreach (var required in spec.Required.Where(r => value.Find(r) is null))
            problems.Add($"{path}: required property '{required}' is missing ({spec.Source})");
        foreach (var (keyNode, child) in value.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            if (!spec.Properties.TryGetValue(key, out var kind))
            {
                problems.Add($"{path}.{key}: no such input property in {spec.Source}");
                continue;
            }
            if (kind is "value" or "list") continue;
            var many = kind.EndsWith("[]", StringComparison.Ordinal);
            var typeName = $"{package}:{kind.TrimEnd('[', ']')}";
            if (!Types.TryGetValue(typeName, out var nested))
            {
                problems.Add($"{path}.{key}: uses nested type {typeName}, which is not listed in ProviderSchema/*.yaml");
                continue;
            }
            switch (child)
            {
                case YamlMappingNode m when !many: CheckObject($"{path}.{key}", m, nested, package, problems); break;
                case YamlSequenceNode s when many:
                    for (var i = 0; i < s.Children.Count; i++)
                        if (s.Children[i] is YamlMappingNode item) CheckObject($"{path}.{key}[{i}]", item, nested, package, problems);
                        else problems.Add($"{path}.{key}[{i}]: expected an object of {typeName}");
                    break;
                case YamlScalarNode: break; // a ${...} reference supplies the whole object
                default: problems.Add($"{path}.{key}: expected {(many ? "a list of " : "an ")}{typeName}"); break;
            }
        }
    }

    private static bool IsExpression(YamlMappingNode map) =>
        map.Children.Count == 1 && ((YamlScalarNode)map.Children.Keys.First()).Value!.StartsWith("fn::", StringComparison.Ordinal);
}
