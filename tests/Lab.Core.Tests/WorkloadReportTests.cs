using Lab.Core.Hosts;
using Lab.Core.Sql;
using Lab.Core.Tests.Support;
using Lab.Core.Workload;

namespace Lab.Core.Tests;

/// <summary>The lost-write checker: what the client was told, compared with what each node holds.</summary>
public sealed class WorkloadReportTests
{
    private readonly FakeLab _lab = FakeLab.Load("galera", new ManualTimeProvider());

    private static WriteRecord Write(long id, WriteOutcome outcome, double finishedAt = 0) =>
        new(id, outcome, TimeSpan.FromSeconds(finishedAt), TimeSpan.FromSeconds(finishedAt), outcome == WriteOutcome.Ok ? null : "ERROR 1047: not ready");

    /// <summary>Ids 1 to 5 acknowledged, 6 refused (1047), 7 in doubt (connection lost mid-way).</summary>
    private static readonly WorkloadReport Report = new(
        [.. Enumerable.Range(1, 5).Select(i => Write(i, WriteOutcome.Ok)), Write(6, WriteOutcome.Failed), Write(7, WriteOutcome.Unknown)]);

    /// <summary>Every node holds exactly <paramref name="ids"/>.</summary>
    private IReadOnlyList<FakeHost> NodesHolding(params long[] ids)
    {
        var nodes = _lab.HostsRunning(Lab.Core.Services.ServiceCatalog.Galera);
        nodes[0].Sql.Writes.Create();
        foreach (var id in ids) nodes[0].Sql.Writes.InsertReplicated(id);
        return nodes;
    }

    private static Task<WorkloadCheck> Check(WorkloadReport report, IEnumerable<ILabHost> nodes) => report.CheckAsync(nodes, CancellationToken.None);

    [Fact]
    public async Task Given_every_acknowledged_write_on_every_node_When_checked_Then_nothing_is_reported()
    {
        var check = await Check(Report, NodesHolding(1, 2, 3, 4, 5));

        Assert.True(check is { Lost: 0, Phantoms: 0, FailedButPresent: 0 }, $"observed: {check}");
        Assert.True(check.ToString() == "db1: 5 rows, none lost; db2: 5 rows, none lost; db3: 5 rows, none lost", $"observed: {check}");
    }

    [Fact]
    public async Task Given_an_acknowledged_id_missing_on_one_node_When_checked_Then_one_loss_is_reported_naming_the_node_and_the_id()
    {
        var nodes = NodesHolding(1, 2, 3, 4, 5);
        _lab["db2"].Sql.Writes.Remove(3);

        var check = await Check(Report, nodes);

        Assert.True(check.Lost == 1, $"expected 1 lost write, observed {check.Lost}: {check}");
        var db2 = check.Nodes.Single(n => n.Node == "db2");
        Assert.True(db2.Lost.SequenceEqual([3L]) && check.Nodes.Where(n => n.Node != "db2").All(n => n.Lost.Count == 0), $"observed: {check}");
        Assert.True(db2.ToString() == "db2: 4 rows, LOST 1 (ids 3)", $"db2 reads: {db2}");
    }

    [Fact]
    public async Task Given_a_row_nobody_wrote_When_checked_Then_it_is_a_phantom_on_that_node_while_an_in_doubt_write_is_not()
    {
        var nodes = NodesHolding(1, 2, 3, 4, 5, 7);
        _lab["db1"].Sql.Writes.Plant(99);

        var check = await Check(Report, nodes);

        Assert.True(check is { Phantoms: 1, Lost: 0, FailedButPresent: 0 }, $"observed: {check}");
        var db1 = check.Nodes.Single(n => n.Node == "db1");
        Assert.True(db1.Phantoms.SequenceEqual([99L]) && db1.ToString() == "db1: 7 rows, none lost, 1 never written (ids 99)", $"db1 reads: {db1}");
    }

    [Fact]
    public async Task Given_a_write_the_client_was_told_failed_present_on_one_node_When_checked_Then_it_is_reported_as_failed_but_present()
    {
        var nodes = NodesHolding(1, 2, 3, 4, 5);
        _lab["db3"].Sql.Writes.Plant(6);

        var check = await Check(Report, nodes);

        Assert.True(check is { FailedButPresent: 1, Lost: 0, Phantoms: 0 }, $"observed: {check}");
        var db3 = check.Nodes.Single(n => n.Node == "db3");
        Assert.True(db3.FailedButPresent.SequenceEqual([6L]), $"db3: {db3}");
        Assert.True(db3.ToString() == "db3: 6 rows, none lost, 1 told FAILED yet present (ids 6)", $"db3 reads: {db3}");
    }

    [Fact]
    public async Task Given_seven_lost_ids_When_shown_Then_the_first_five_are_named_and_the_rest_elided()
    {
        var report = new WorkloadReport(Enumerable.Range(1, 7).Select(i => Write(i, WriteOutcome.Ok)).ToList());

        var check = await Check(report, NodesHolding());

        Assert.True(check.Nodes[0].ToString() == "db1: 0 rows, LOST 7 (ids 1,2,3,4,5,...)", $"db1 reads: {check.Nodes[0]}");
    }

    [Fact]
    public async Task Given_galera_and_replication_nodes_When_checked_Then_only_galera_reads_causally()
    {
        var replication = FakeLab.Load("replication", new ManualTimeProvider());
        replication["primary"].Sql.Writes.InsertReplicated(1);
        var galera = NodesHolding(1);

        await Check(Report, [galera[0]]);
        await Check(Report, [replication["replica1"]]);

        var galeraRead = galera[0].Sql.Executed.TakeLast(2).ToList();
        var replicaRead = replication["replica1"].Sql.Executed.Single();
        Assert.True(galeraRead.SequenceEqual(["SET SESSION wsrep_sync_wait=1", "SELECT id FROM labcheck.writes"]), $"db1 ran: {string.Join(" | ", galeraRead)}");
        Assert.True(replicaRead == "SELECT id FROM labcheck.writes", $"replica1 ran: {replicaRead}");
    }

    [Fact]
    public async Task Given_a_node_without_the_table_When_checked_Then_the_error_names_the_node()
    {
        var replication = FakeLab.Load("replication", new ManualTimeProvider());

        var e = await Assert.ThrowsAsync<SqlException>(() => Check(Report, [replication["replica2"]]));

        Assert.True(e.Host == "replica2" && e.Code == 1146, $"observed: {e.Message}");
    }

    [Fact]
    public void Given_acknowledgements_at_1_2_5_and_5_5s_When_summarised_Then_the_longest_interruption_is_3s_and_refusals_do_not_count_as_acknowledgements()
    {
        var report = new WorkloadReport([
            Write(1, WriteOutcome.Ok, 1), Write(2, WriteOutcome.Ok, 2), Write(3, WriteOutcome.Failed, 3), Write(4, WriteOutcome.Unknown, 4),
            Write(5, WriteOutcome.Ok, 5), Write(6, WriteOutcome.Ok, 5.5)]);

        Assert.True(report.LongestInterruption == TimeSpan.FromSeconds(3), $"observed {report.LongestInterruption}");
        Assert.True(report.ToString() == "6 writes: 4 ok, 1 failed, 1 unknown; longest interruption 3.00s", $"observed: {report}");
    }
}
