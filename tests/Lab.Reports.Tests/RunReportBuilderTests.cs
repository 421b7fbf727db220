using Lab.Core.Hosts;
using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Core.Status;
using Lab.Reports.Model;
using Lab.Reports.Recording;

namespace Lab.Reports.Tests;

/// <summary>The report's model from a run's results: no HTML involved.</summary>
public sealed class RunReportBuilderTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Given_the_galera_lab_Then_the_topology_has_its_hosts_network_and_addresses()
    {
        var topology = RunReportBuilder.TopologyOf(SampleRun.Lab);

        Assert.Equal(["db1", "db2", "db3", "haproxy", "client"], topology.Hosts.Select(h => h.Name));
        Assert.Equal("10.10.10.0/24", Assert.Single(topology.Networks).Subnet);
        Assert.Equal(new HostAddress("lan", "10.10.10.101", "eth0"), Assert.Single(topology.Hosts[0].Addresses));
        Assert.Equal(["galera", "clustercheck"], topology.Hosts[0].Services);
        Assert.Null(topology.Vip);
    }

    [Fact]
    public void Given_the_failover_lab_Then_the_topology_has_its_virtual_IP_and_who_can_take_it()
    {
        var topology = RunReportBuilder.TopologyOf(Core.Loading.LabCatalog.Locate().Load("failover"));

        Assert.Equal("10.10.10.110", topology.Vip);
        Assert.Equal(["primary", "replica1", "replica2"], topology.Hosts.Where(h => h.CanHoldVip).Select(h => h.Name));
    }

    [Fact]
    public void Given_a_run_Then_each_step_knows_its_stage_and_each_expectation_what_it_was_allowed()
    {
        var scenario = SampleRun.Report(Language.En).Scenarios.Single();

        Assert.Equal(ScenarioOutcome.Passed, scenario.Outcome);
        Assert.Equal(SampleRun.Failover.Stages.Count, scenario.Stages.Count);
        var kill = scenario.Stages[1];
        Assert.Equal("kill db1 while writes go on", kill.Title);
        Assert.Equal(StepKind.Action, kill.Steps[0].Kind);
        Assert.Equal([S(15), S(30), S(15)], kill.Steps.Skip(1).Select(s => s.Within));
        Assert.Null(kill.Steps[0].Within);
    }

    [Fact]
    public void Given_workload_expectations_Then_they_are_the_verdicts()
    {
        var verdicts = SampleRun.Report(Language.En, lastStageFails: true).Scenarios.Single().Verdicts;

        Assert.Equal(2, verdicts.Count);
        Assert.True(verdicts[0].Passed);
        Assert.False(verdicts[1].Passed);
        Assert.All(verdicts, v => Assert.Equal(StepKind.Expectation, v.Kind));
    }

    [Fact]
    public void Given_the_writers_records_Then_they_move_onto_the_scenarios_clock_with_their_interruption()
    {
        var writes = SampleRun.Report(Language.En).Scenarios.Single().Writes!;

        // The writer started when stage 1's action ended (1 s); no write was acknowledged between 3.3 s and 7.05 s of its clock.
        Assert.Equal(S(1), writes.From);
        var gap = Assert.Single(writes.Gaps);
        Assert.Equal(S(1 + 3.3), gap.From);
        Assert.Equal(S(1 + 7.05), gap.To);
        Assert.Equal(S(3.75), writes.Longest);
        Assert.Equal(14, writes.NotAcknowledged.Count);
        Assert.Equal("client", writes.Through);
    }

    [Fact]
    public void Given_samples_Then_each_row_is_segments_from_one_sample_to_the_next_merged_when_unchanged()
    {
        var tracks = SampleRun.Report(Language.En).Scenarios.Single().Tracks;
        var end = SampleRun.Result().Duration;

        Assert.Equal(["db1", "db2", "db3"], tracks.Select(t => t.Name));
        var db1 = tracks[0].Segments;
        Assert.Equal([NodeCondition.Synced, NodeCondition.Down, NodeCondition.Joining, NodeCondition.Synced], db1.Select(s => s.State.Condition));
        Assert.Equal([S(0), S(3), S(8), S(9)], db1.Select(s => s.From));
        Assert.Equal([S(3), S(8), S(9), end], db1.Select(s => s.To));
        Assert.Equal("Joiner", db1[2].State.Word);
        Assert.Equal(NodeCondition.Donor, tracks[1].Segments[1].State.Condition);
        Assert.Single(tracks[2].Segments);
    }

    [Theory]
    [InlineData("Primary", "Synced", NodeCondition.Synced)]
    [InlineData("Primary", "Joined", NodeCondition.Joining)]
    [InlineData("Primary", "Joining: receiving State Transfer", NodeCondition.Joining)]
    [InlineData("Primary", "Donor/Desynced", NodeCondition.Donor)]
    [InlineData("non-Primary", "Synced", NodeCondition.NonPrimary)]
    [InlineData("Disconnected", "Initialized", NodeCondition.NonPrimary)]
    [InlineData("Primary", "Initialized", NodeCondition.Other)]
    public void Given_a_galera_reading_Then_its_condition_follows_the_cluster_status_first(string cluster, string local, NodeCondition expected) =>
        Assert.Equal(expected, NodeStates.Galera(cluster, local).Condition);

    [Fact]
    public void Given_a_scenario_not_run_Then_it_has_its_reason_and_no_timeline()
    {
        var result = ScenarioResult.NotRunBecause(SampleRun.Failover, "needs netem");

        var scenario = RunReportBuilder.Scenario(result, Language.En, []);

        Assert.Equal(ScenarioOutcome.NotRun, scenario.Outcome);
        Assert.Equal("needs netem", scenario.NotRunReason);
        Assert.All(scenario.Stages, s => Assert.False(s.Reached));
        Assert.Null(scenario.Writes);
    }
}

/// <summary>What a reading of the lab (as `lab status` makes it) becomes in the report's rows.</summary>
public sealed class NodeStatesTests
{
    private static HostStatus Host(string name, ServiceState state, string service = "mariadb") =>
        new(name, "10.10.10.1", [new ServiceStatus(service, state, state == ServiceState.Stopped ? 0 : 42)]);

    [Fact]
    public void Given_a_failover_reading_Then_rows_are_each_servers_role_and_the_VIPs_holder()
    {
        var aspects = new StatusAspects(Galera: false, Replication: true, VirtualIp: "10.10.10.110", Drbd: false, Haproxy: false);
        var noReading = Reading<ReplicationReading>.None(new NoReading(NoReading.NoAnswer, "mariadbd is stopped"));
        var status = new LabStatus("f", "failover", "local", "10.10.10.0/24", aspects,
        [
            Host("primary", ServiceState.Stopped) with { Replication = noReading, HoldsVip = Reading<bool>.Of(false) },
            Host("replica1", ServiceState.Paused) with { Replication = noReading, HoldsVip = Reading<bool>.Of(true) },
            Host("replica2", ServiceState.Running) with { Replication = noReading, HoldsVip = Reading<bool>.Of(false) },
            Host("client", ServiceState.Running, "none"),
        ]);

        var states = NodeStates.From(status);

        Assert.Equal(["primary", "replica1", "replica2", NodeStates.VipRow], states.Keys);
        Assert.Equal(NodeCondition.Down, states["primary"].Condition);
        Assert.Equal(NodeCondition.Paused, states["replica1"].Condition);
        Assert.Equal(NodeCondition.NoAnswer, states["replica2"].Condition);
        Assert.Equal(new NodeState(NodeCondition.VipHeld, "replica1"), states[NodeStates.VipRow]);
    }

    [Fact]
    public void Given_two_hosts_holding_the_VIP_Then_its_row_says_split_brain_naming_both()
    {
        var aspects = new StatusAspects(false, true, "10.10.10.110", false, false);
        var status = new LabStatus("f", "failover", "local", "10.10.10.0/24", aspects,
        [
            Host("primary", ServiceState.Running) with { HoldsVip = Reading<bool>.Of(true) },
            Host("replica1", ServiceState.Running) with { HoldsVip = Reading<bool>.Of(true) },
        ]);

        Assert.Equal(new NodeState(NodeCondition.VipSplit, "primary + replica1"), NodeStates.From(status)[NodeStates.VipRow]);
    }
}
