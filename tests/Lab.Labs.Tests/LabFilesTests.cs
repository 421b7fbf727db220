using Lab.Core.Loading;
using Lab.Core.Rendering;
using Lab.Core.Scenarios;
using Lab.Core.Secrets;
using Lab.Labs.Tests.Support;

namespace Lab.Labs.Tests;

/// <summary>Every lab in labs/ loads, renders, and every one of its scenario files parses and validates.</summary>
public sealed class LabFilesTests
{
    private static readonly LabCatalog Catalog = new(RepoRoot.Path);

    public static TheoryData<string> Labs()
    {
        var data = new TheoryData<string>();
        foreach (var lab in Catalog.LabNames) data.Add(lab);
        return data;
    }

    public static TheoryData<string, string> Scenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (var lab in Catalog.LabNames)
            foreach (var scenario in new ScenarioLoader(Catalog.Load(lab)).Names)
                data.Add(lab, scenario);
        return data;
    }

    [Fact]
    public void The_catalogue_has_the_replication_and_failover_labs()
    {
        Assert.Contains("replication", Catalog.LabNames);
        Assert.Contains("failover", Catalog.LabNames);
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_lab_renders_every_file_in_strict_mode(string lab)
    {
        // Given the lab as defined, when every host's templates are rendered with stand-in secrets
        var definition = Catalog.Load(lab);
        var files = new TemplateRenderer(Catalog.TemplatesRoot).RenderAll(definition, LabSecrets.Placeholders());

        // Then each declared file exists once and no unresolved placeholder remains
        Assert.Equal(definition.Hosts.Sum(h => h.Files.Count), files.Count);
        Assert.All(files, f => Assert.DoesNotContain("{{", f.Content));
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Every_lab_has_a_scenario_and_guides_in_both_languages(string lab)
    {
        var definition = Catalog.Load(lab);
        Assert.NotEmpty(new ScenarioLoader(definition).Names);
        foreach (var guide in new[] { "GUIDE.en.md", "GUIDE.ko.md" }.Where(_ => lab != "galera"))
            Assert.True(File.Exists(Path.Combine(definition.Directory, guide)), $"labs/{lab}/{guide} is missing");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_scenario_file_parses_and_validates(string lab, string scenario)
    {
        var loaded = new ScenarioLoader(Catalog.Load(lab)).LoadByName(scenario);

        Assert.Equal(scenario, loaded.Name);
        Assert.NotEmpty(loaded.Stages);
        Assert.False(string.IsNullOrWhiteSpace(loaded.Title.En), $"{lab}/{scenario} has no English title");
        Assert.False(string.IsNullOrWhiteSpace(loaded.Title.Ko), $"{lab}/{scenario} has no Korean title");
    }
}
