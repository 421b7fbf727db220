using Lab.Core.Errors;
using Lab.Core.Targets;
using Lab.Core.Loading;
using Lab.Instances;
using Lab.Targets.Azure;

namespace Lab.Targets.Azure.Tests;

/// <summary>No cloud and no Pulumi CLI here: what can be checked is that the absence is said plainly and costs nothing.</summary>
public sealed class AzureTargetTests
{
    [Fact]
    public async Task Given_no_pulumi_cli_When_up_on_azure_Then_it_says_what_to_install_and_claims_nothing()
    {
        var state = Directory.CreateTempSubdirectory("lab-azure-");
        try
        {
            var layout = new LocalLayout(state.FullName, Path.Combine(state.FullName, "ns"), Path.Combine(state.FullName, "cache"));
            var catalog = LabCatalog.Locate();
            var target = new AzureTarget(catalog, layout, locatePulumi: () => null);

            var e = await Assert.ThrowsAsync<PreflightException>(() => target.UpAsync(new UpRequest(catalog.Load("galera"), "az-test"), _ => { }, CancellationToken.None));

            Assert.Contains("the Pulumi CLI is not installed here", e.Message);
            Assert.Contains("pulumi login", e.Message);
            Assert.Contains("nothing was created", e.Message);
            Assert.False(Directory.Exists(layout.InstanceDir("az-test")), "an instance was claimed although nothing could be deployed");
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    [Fact]
    public void Pulumi_is_looked_up_on_PATH_only()
    {
        var dir = Directory.CreateTempSubdirectory("lab-pulumi-");
        try
        {
            Assert.Null(PulumiCli.Locate(dir.FullName));
            File.WriteAllText(Path.Combine(dir.FullName, "pulumi"), "");
            Assert.Equal(Path.Combine(dir.FullName, "pulumi"), PulumiCli.Locate("/nonexistent:" + dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
