using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests.Support;

/// <summary>A lab (galera unless named), the program generated from it now, and that program parsed back as YAML.</summary>
public sealed class GaleraProgram
{
    public GaleraProgram(string labName = "galera")
    {
        Catalog = new LabCatalog(RepoRoot.Path);
        Lab = Catalog.Load(labName);
        var generator = new AzureProgramGenerator(Catalog.TemplatesRoot);
        Renderer = generator.Renderer;
        Program = generator.Generate(Lab);
        Root = YamlTree.ParseMap(Program.Text);
    }

    public LabCatalog Catalog { get; }
    public LabDefinition Lab { get; }
    /// <summary>The generator's own renderer: the templates as rendered for Azure (e.g. its data-disk device).</summary>
    public TemplateRenderer Renderer { get; }
    public PulumiProgram Program { get; }
    public YamlMappingNode Root { get; }

    public YamlMappingNode Resources => Root.Map("resources");

    public IEnumerable<(string Name, YamlMappingNode Resource)> ResourcesOfType(string type) =>
        Resources.Children.Select(p => (((YamlScalarNode)p.Key).Value!, (YamlMappingNode)p.Value))
            .Where(r => r.Item2.Str("type") == type);

    public YamlMappingNode Resource(string name) => Resources.Map(name);

    public static YamlMappingNode Properties(YamlMappingNode resource) => resource.Map("properties");

    /// <summary>Stand-in passwords shaped like RandomPassword's (letters and digits), distinct per secret.</summary>
    public static LabSecrets FakeSecrets { get; } = new(LabSecrets.Names.ToDictionary(n => n, n => "Fake" + n.Replace("_", "") + "X9"));

    /// <summary>What Pulumi evaluates a string to, given the fake passwords; any other reference fails the test.</summary>
    public static string EvaluateWithFakeSecrets(string value) => Interpolation.Evaluate(value, access =>
    {
        var secret = LabSecrets.Names.FirstOrDefault(n => access == n.Replace('_', '-') + ".result");
        return secret is not null ? FakeSecrets[secret] : throw new Xunit.Sdk.XunitException($"unexpected reference ${{{access}}} in cloud-init");
    });

    /// <summary>The names of resources this one depends on, explicitly (dependsOn) or through a ${...} reference.</summary>
    public IReadOnlySet<string> DirectDependencies(string name)
    {
        var resource = Resource(name);
        var names = Resources.Keys().ToHashSet();
        return YamlTree.Scalars(resource).SelectMany(s => Interpolation.References(s.Value)).Select(Interpolation.Root)
            .Where(names.Contains).ToHashSet();
    }

    public IReadOnlySet<string> AllDependencies(string name)
    {
        var seen = new HashSet<string>();
        var todo = new Stack<string>([name]);
        while (todo.Count > 0)
            foreach (var d in DirectDependencies(todo.Pop()))
                if (seen.Add(d)) todo.Push(d);
        return seen;
    }
}
