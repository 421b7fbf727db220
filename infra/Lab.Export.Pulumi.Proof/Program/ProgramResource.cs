using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Proof.Program;

/// <summary>One entry of a Pulumi YAML program's <c>resources:</c>: its name, type, properties and explicit <c>dependsOn</c>.</summary>
public sealed record ProgramResource(string Name, string Type, YamlMappingNode Properties, IReadOnlyList<string> DependsOn)
{
    /// <summary>A scalar property at a dotted path (<c>osProfile.computerName</c>), or null when absent.</summary>
    public string? Scalar(string path) => ProgramYaml.Scalar(Properties, path);

    /// <summary>A mapping property at a dotted path, or null when absent.</summary>
    public YamlMappingNode? Map(string path) => ProgramYaml.Node(Properties, path) as YamlMappingNode;
}
