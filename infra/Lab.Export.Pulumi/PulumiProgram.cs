namespace Lab.Export.Pulumi;

/// <summary>A generated Pulumi YAML project: the text of its Pulumi.yaml.</summary>
public sealed record PulumiProgram(string LabName, string Text)
{
    public const string FileName = "Pulumi.yaml";
}
