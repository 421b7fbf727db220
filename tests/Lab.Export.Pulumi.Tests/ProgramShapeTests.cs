using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>The generated Pulumi.yaml is YAML, and a Pulumi YAML program whose every reference resolves.</summary>
public sealed class ProgramShapeTests
{
    private readonly GaleraProgram _galera = new();

    // Pulumi YAML's resource options (pkg/pulumiyaml/ast/template.go, ResourceOptionsDecl) we may use.
    private static readonly string[] ResourceOptions =
        ["additionalSecretOutputs", "aliases", "customTimeouts", "deleteBeforeReplace", "dependsOn", "ignoreChanges", "import",
         "parent", "protect", "provider", "providers", "version", "pluginDownloadURL", "replaceOnChanges", "retainOnDelete", "deletedWith"];

    [Fact]
    public void Given_the_galera_lab_When_exported_Then_the_top_level_is_a_yaml_runtime_project()
    {
        var root = _galera.Root;

        var unexpected = root.Keys().Except(["name", "runtime", "description", "config", "variables", "resources", "outputs"]).ToList();
        Assert.True(unexpected.Count == 0, $"unexpected top-level keys: {string.Join(", ", unexpected)}");
        Assert.Equal("yaml", root.Str("runtime"));
        Assert.Equal("lab-galera", root.Str("name"));
        Assert.False(string.IsNullOrWhiteSpace(root.Str("description")));
    }

    [Fact]
    public void Given_the_config_block_When_read_Then_every_entry_is_typed_and_safe_defaults_exist()
    {
        var config = _galera.Root.Map("config");

        foreach (var (key, value) in config.Children)
            Assert.True(value is YamlMappingNode m && m.Find("type") is YamlScalarNode { Value: "string" },
                $"config '{((YamlScalarNode)key).Value}' must declare type: string");
        Assert.Equal("Standard_B1s", config.Map("vmSize").Str("default"));
        Assert.True(config.Map("adminCidr").Find("default") is null, "adminCidr must have no default: the instructor types their own range");
        Assert.Equal("true", config.Map("sshPrivateKey").Str("secret"));
    }

    [Fact]
    public void Given_every_resource_When_read_Then_it_has_a_type_properties_and_only_known_options()
    {
        foreach (var (name, node) in _galera.Resources.Children)
        {
            var resource = Assert.IsType<YamlMappingNode>(node);
            var key = ((YamlScalarNode)name).Value;
            Assert.True(resource.Keys().All(k => k is "type" or "properties" or "options"), $"{key}: keys {string.Join(", ", resource.Keys())}");
            Assert.Contains(':', resource.Str("type"));
            var options = resource.Map("options");
            var unknown = options.Keys().Except(ResourceOptions).ToList();
            Assert.True(unknown.Count == 0, $"{key}: unknown resource options {string.Join(", ", unknown)}");
        }
    }

    [Fact]
    public void Given_every_string_When_parsed_as_an_interpolation_Then_each_reference_names_a_resource_variable_or_config()
    {
        var declared = _galera.Resources.Keys()
            .Concat(_galera.Root.Find("variables") is YamlMappingNode v ? v.Keys() : [])
            .Concat(_galera.Root.Map("config").Keys())
            .Append("pulumi") // built-in: ${pulumi.stack}, ${pulumi.project}
            .ToHashSet();
        var checkedReferences = 0;

        foreach (var section in new[] { "resources", "outputs", "variables" })
        {
            if (_galera.Root.Find(section) is not { } node) continue;
            foreach (var (path, value) in YamlTree.Scalars(node, section))
                foreach (var access in Interpolation.References(value))
                {
                    checkedReferences++;
                    Assert.True(declared.Contains(Interpolation.Root(access)), $"{path}: ${{{access}}} refers to nothing declared");
                }
        }
        Assert.True(checkedReferences > 50, $"only {checkedReferences} references found; the program should be full of them");
    }

    [Fact]
    public void Given_dependsOn_lists_When_read_Then_each_names_a_resource_and_the_graph_has_no_cycle()
    {
        var names = _galera.Resources.Keys().ToHashSet();
        foreach (var name in names)
        {
            if (_galera.Resource(name).Map("options").Find("dependsOn") is YamlSequenceNode deps)
                foreach (var d in deps.Children.Cast<YamlScalarNode>())
                {
                    var refs = Interpolation.References(d.Value!).ToList();
                    Assert.True(refs.Count == 1 && names.Contains(refs[0]) && d.Value == "${" + refs[0] + "}",
                        $"{name}: dependsOn entry '{d.Value}' must be ${{<resource>}}");
                }
            Assert.False(_galera.AllDependencies(name).Contains(name), $"{name} depends on itself (cycle)");
        }
    }

    [Fact]
    public void Given_builtin_functions_When_used_Then_only_toBase64_and_secret_appear()
    {
        var functions = FunctionKeys(_galera.Root).Distinct().Order().ToList();

        Assert.Equal(["fn::secret", "fn::toBase64"], functions);
    }

    private static IEnumerable<string> FunctionKeys(YamlNode node) => node switch
    {
        YamlMappingNode m => m.Children.SelectMany(p => (((YamlScalarNode)p.Key).Value!.StartsWith("fn::", StringComparison.Ordinal)
            ? [((YamlScalarNode)p.Key).Value!] : Array.Empty<string>()).Concat(FunctionKeys(p.Value))),
        YamlSequenceNode s => s.Children.SelectMany(FunctionKeys),
        _ => [],
    };
}
