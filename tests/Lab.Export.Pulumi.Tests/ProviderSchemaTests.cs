using Lab.Export.Pulumi.Azure;
using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>Every resource type and property the program uses is in the provider lists taken from the providers' own declarations.</summary>
public sealed class ProviderSchemaTests
{
    private readonly GaleraProgram _galera = new();
    private readonly ProviderSchema _schema = ProviderSchema.Load();

    [Fact]
    public void Given_the_schema_lists_When_loaded_Then_each_resource_names_its_provider_version_and_documentation_page()
    {
        Assert.NotEmpty(_schema.Resources);
        foreach (var (type, spec) in _schema.Resources)
        {
            Assert.Matches(@"^\d+\.\d+\.\d+$", spec.Version);
            Assert.StartsWith("https://www.pulumi.com/registry/packages/", spec.Docs);
            Assert.True(spec.Inputs.Properties.Count > 0, $"{type}: no properties listed");
        }
    }

    [Fact]
    public void Given_every_resource_When_checked_against_the_lists_Then_its_type_and_all_properties_are_known()
    {
        var problems = _galera.Resources.Children
            .SelectMany(p => _schema.Check(((YamlScalarNode)p.Key).Value!, (YamlMappingNode)p.Value)).ToList();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Given_every_resource_When_its_version_option_is_read_Then_it_pins_the_version_the_list_came_from()
    {
        foreach (var (name, node) in _galera.Resources.Children)
        {
            var resource = (YamlMappingNode)node;
            var spec = _schema.Resources[resource.Str("type")];
            Assert.True(spec.Version == resource.Map("options").Str("version"),
                $"{((YamlScalarNode)name).Value}: pins {resource.Map("options").Str("version")}, the list is {spec.Package}@{spec.Version}");
        }
    }

    [Fact]
    public void Given_an_invented_property_When_checked_Then_the_checker_reports_it()
    {
        var vm = YamlTree.ParseMap("""
            type: azure-native:compute:VirtualMachine
            properties:
              resourceGroupName: rg
              osProfile:
                linuxConfiguration:
                  disablePasswordLogin: true
              flavour: small
            """);

        var problems = _schema.Check("vm", vm);

        Assert.Contains(problems, p => p.Contains("osProfile.linuxConfiguration.disablePasswordLogin"));
        Assert.Contains(problems, p => p.Contains("flavour"));
    }

    [Fact]
    public void Given_a_missing_required_property_or_unknown_type_When_checked_Then_the_checker_reports_it()
    {
        var command = YamlTree.ParseMap("type: command:remote:Command\nproperties:\n  create: echo\n");
        var unknown = YamlTree.ParseMap("type: azure-native:network:ApplicationGateway\nproperties: {}\n");

        Assert.Contains(_schema.Check("c", command), p => p.Contains("'connection' is missing"));
        Assert.Contains(_schema.Check("lb", unknown), p => p.Contains("not in ProviderSchema"));
    }

    [Fact]
    public void Given_the_pinned_versions_in_code_When_compared_Then_they_match_the_lists()
    {
        var versions = _schema.Resources.Values.GroupBy(r => r.Package).ToDictionary(g => g.Key, g => g.Select(r => r.Version).Distinct().Single());
        Assert.Equal(AzureDefaults.AzureNativeVersion, versions["@pulumi/azure-native"]);
        Assert.Equal(AzureDefaults.CommandVersion, versions["@pulumi/command"]);
        Assert.Equal(AzureDefaults.RandomVersion, versions["@pulumi/random"]);
    }
}
