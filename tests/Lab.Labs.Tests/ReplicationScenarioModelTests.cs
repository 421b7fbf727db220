using Lab.Core.Loading;
using Lab.Core.Replication;
using Lab.Core.Scenarios;
using Lab.Labs.Tests.Support;

namespace Lab.Labs.Tests;

/// <summary>The replication actions and expectations read from YAML, and their errors name file and line.</summary>
public sealed class ReplicationScenarioModelTests
{
    private static readonly ScenarioLoader Loader = new(new LabCatalog(RepoRoot.Path).Load("failover"));

    private static Scenario Parse(string stages) => Loader.Parse("t.yaml", "name: t\nstages:\n" + stages);

    [Fact]
    public void Attach_promote_and_the_new_expectations_are_read()
    {
        var s = Parse("""
              - title: x
                do:
                  - attach: { on: replica2, to: primary, start: copy }
                  - promote: replica1
                  - promote-most-advanced: [replica1, replica2]
                  - sql: { on: primary, run: "INSERT 1", slower_than: 1.5s, faster_than: 5s }
                expect:
                  - replica: { on: [replica1, replica2], Slave_IO_Running: "Yes" }
                  - lag: { on: replica2, behind: primary, min: 3 }
                  - vip: { on: [replica1, replica2] }
                  - workload: { on: [replica1], lost: 0 }
            """);
        var stage = s.Stages[0];
        var attach = Assert.IsType<AttachAction>(stage.Actions[0]);
        Assert.Equal(("replica2", "primary", AttachStart.Copy), (attach.Host, attach.Source, attach.Start));
        Assert.IsType<PromoteAction>(stage.Actions[1]);
        Assert.Equal(["replica1", "replica2"], Assert.IsType<PromoteMostAdvancedAction>(stage.Actions[2]).Hosts);
        var sql = Assert.IsType<SqlAction>(stage.Actions[3]);
        Assert.Equal(TimeSpan.FromSeconds(1.5), sql.SlowerThan);
        Assert.Equal(TimeSpan.FromSeconds(5), sql.FasterThan);
        Assert.Equal("Yes", Assert.IsType<ReplicaExpectation>(stage.Expectations[0]).Values["Slave_IO_Running"]);
        Assert.Equal(3, Assert.IsType<LagExpectation>(stage.Expectations[1]).Min);
        Assert.Equal(2, Assert.IsType<VipExpectation>(stage.Expectations[2]).Hosts.Count);
        Assert.Equal(["replica1"], Assert.IsType<WorkloadExpectation>(stage.Expectations[3]).Hosts!);
    }

    [Theory]
    [InlineData("- attach: { on: replica2, to: nowhere }", "unknown host 'nowhere'")]
    [InlineData("- attach: { on: replica2, to: primary, start: later }", "start 'later' must be keep")]
    [InlineData("- promote: [replica1, replica2]", "'promote' takes one host")]
    [InlineData("- sql: { on: primary, run: x, slower_than: soon }", "'slower_than: soon' is not a duration")]
    public void Bad_actions_are_rejected_with_the_line(string action, string message)
    {
        var e = Assert.Throws<LabFileException>(() => Parse($"  - title: x\n    do:\n      {action}\n"));
        Assert.Contains(message, e.Message);
        Assert.Contains("t.yaml:", e.Message);
    }

    [Fact]
    public void A_lag_expectation_needs_a_bound()
    {
        var e = Assert.Throws<LabFileException>(() => Parse("  - title: x\n    expect:\n      - lag: { on: replica2, behind: primary }\n"));
        Assert.Contains("give 'min' and/or 'max'", e.Message);
    }
}
