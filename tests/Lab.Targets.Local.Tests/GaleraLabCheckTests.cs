using Lab.Cli;
using Lab.Core.Checks;

namespace Lab.Targets.Local.Tests;

/// <summary>The lab `lab up galera` builds is what `lab check galera` grades as right: every item passes.</summary>
[Collection(GaleraLabCollection.Name)]
public sealed class GaleraLabCheckTests(GaleraLabFixture lab)
{
    [Fact]
    public async Task Given_the_lab_built_by_up_When_checked_Then_every_item_passes_and_the_result_is_saved()
    {
        _ = lab.Instance;

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(lab, "check", "galera");

        Assert.True(exit == ExitCodes.Ok, stdout + stderr);
        var report = CheckReport.TryLoad(lab.Layout.InstanceDir(lab.InstanceName))!;
        Assert.Equal((report.Total, 100, lab.InstanceName), (report.Passed, report.Percent, report.Instance));
        Assert.Equal(new CheckLoader(lab.Lab).Load().Select(c => c.Id), report.Items.Select(i => i.Id));
        Assert.Contains($"score: {report.Total}/{report.Total} (100%)", stdout);
    }
}
