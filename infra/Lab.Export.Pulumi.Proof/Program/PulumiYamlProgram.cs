using Lab.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Proof.Program;

/// <summary>
/// A Pulumi YAML program as committed (labs/&lt;lab&gt;/Pulumi.yaml): its config defaults, resources and outputs, read the
/// way `pulumi up` reads them, so the proof runs exactly what the file says.
/// </summary>
public sealed class PulumiYamlProgram
{
    public required string File { get; init; }
    public required IReadOnlyDictionary<string, string> ConfigDefaults { get; init; }
    public required IReadOnlyList<ProgramResource> Resources { get; init; }
    public required YamlMappingNode Outputs { get; init; }

    public ProgramResource Resource(string name) =>
        Resources.FirstOrDefault(r => r.Name == name) ?? throw new LabException($"{File}: no resource named '{name}'");

    public IEnumerable<ProgramResource> OfType(string type) => Resources.Where(r => r.Type == type);

    public static PulumiYamlProgram Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(file)) stream.Load(reader);
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new LabException($"{file}: not a Pulumi YAML program (one mapping expected)");

        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ProgramYaml.Node(root, "config") is YamlMappingNode configMap)
            foreach (var (key, node) in configMap.Children)
                if (ProgramYaml.Scalar(node, "default") is { } d) config[((YamlScalarNode)key).Value!] = d;

        var resources = new List<ProgramResource>();
        if (ProgramYaml.Node(root, "resources") is not YamlMappingNode resourceMap) throw new LabException($"{file}: no resources");
        foreach (var (key, node) in resourceMap.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var type = ProgramYaml.Scalar(node, "type") ?? throw new LabException($"{file}: resource '{name}' has no type");
            var properties = ProgramYaml.Node(node, "properties") as YamlMappingNode ?? new YamlMappingNode();
            var dependsOn = ProgramYaml.Strings(ProgramYaml.Node(node, "options.dependsOn"))
                .SelectMany(PulumiInterpolation.Expressions).Select(PulumiInterpolation.Root).ToList();
            resources.Add(new ProgramResource(name, type, properties, dependsOn));
        }
        return new PulumiYamlProgram
        {
            File = file,
            ConfigDefaults = config,
            Resources = resources,
            Outputs = ProgramYaml.Node(root, "outputs") as YamlMappingNode ?? new YamlMappingNode(),
        };
    }
}
