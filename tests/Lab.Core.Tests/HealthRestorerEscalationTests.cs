using System.Text.RegularExpressions;
using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Services;
using Lab.Core.Tests.Support;
using Lab.Core.Waits;

namespace Lab.Core.Tests;

/// <summary>
/// The health restore between scenarios escalates in order (wait in place, end leftover connections, restart the stuck
/// node, recreate the instance), each step only when the one before was not enough, and says which it took and how long.
/// </summary>
public sealed class HealthRestorerEscalationTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly List<string> _notes = [];

    private static readonly Regex ProcessList = new(@"^SELECT ID FROM information_schema\.PROCESSLIST ", RegexOptions.IgnoreCase);
    private static readonly Regex Kill = new(@"^KILL CONNECTION (\d+)$", RegexOptions.IgnoreCase);

    private Task<HealthRestore> RestoreAsync(FakeLab lab, Func<CancellationToken, Task<LabInstance>>? recreate = null) =>
        VirtualTime.RunAsync(_clock, () => new HealthRestorer(lab.Instance, new Until(_clock), m => { lock (_notes) _notes.Add(m); }, recreate: recreate)
            .RestoreAsync(CancellationToken.None));

    /// <summary>db2 Donor/Desynced, as a held FLUSH TABLES WITH READ LOCK leaves it; the cluster model does not know why.</summary>
    private FakeLab WithDb2Desynced(string desync = "0")
    {
        var lab = FakeLab.Load("galera", _clock);
        lab["db2"].Sql.SetStatus("wsrep_local_state_comment", "Donor/Desynced");
        lab["db2"].Sql.SetVariable("wsrep_desync", desync);
        foreach (var node in new[] { "db1", "db2", "db3" }) lab[node].Sql.SetVariable("wsrep_desync", node == "db2" ? desync : "0");
        return lab;
    }

    private string Notes() { lock (_notes) return string.Join(" | ", _notes); }

    [Fact]
    public async Task Given_a_healthy_cluster_When_restored_Then_it_stays_in_place_ends_nothing_and_notes_nothing()
    {
        var lab = FakeLab.Load("galera", _clock);

        var done = await RestoreAsync(lab);

        Assert.True(done is { Step: RestoreStep.InPlace, Escalated: false, Hosts.Count: 0 }, $"{done}; notes: {Notes()}");
        Assert.True(done.Took < TimeSpan.FromSeconds(1), $"a healthy cluster is Synced at once; took {done.Took}");
        Assert.Same(lab.Instance, done.Instance);
        foreach (var node in new[] { "db1", "db2", "db3" })
            Assert.True(!lab[node].Sql.Executed.Any(s => s.StartsWith("KILL", StringComparison.Ordinal)) && lab[node].Services.History.Count == 0,
                $"{node}: nothing should be ended or restarted; executed: {string.Join(" | ", lab[node].Sql.Executed)}");
        Assert.Empty(_notes);
    }

    [Fact]
    public async Task Given_a_node_held_desynced_by_a_connection_When_restored_Then_after_a_short_wait_its_client_connections_are_ended_and_it_is_not_restarted()
    {
        var lab = WithDb2Desynced();
        var db2 = lab["db2"];
        db2.Sql.On(ProcessList, _ => SqlReply.Table(["ID"], ["12"], ["15"]));
        // Ending the connection that holds the lock releases it: the node catches up.
        db2.Sql.On(Kill, m =>
        {
            if (m.Groups[1].Value == "12") db2.Sql.SetStatus("wsrep_local_state_comment", "Synced");
            return SqlReply.Done;
        });

        var done = await RestoreAsync(lab);

        Assert.True(done is { Step: RestoreStep.EndedSessions, Escalated: true } && done.Hosts.SequenceEqual(["db2"]), $"{done}; notes: {Notes()}");
        Assert.True(done.Took >= HealthRestorer.InPlaceWait && done.Took < HealthRestorer.InPlaceWait + TimeSpan.FromSeconds(1),
            $"it should wait in place {HealthRestorer.InPlaceWait.TotalSeconds}s, then end the connections at once; took {done.Took}");
        Assert.True(db2.Sql.Executed.Count(s => Kill.IsMatch(s)) == 2, $"db2 executed: {string.Join(" | ", db2.Sql.Executed)}");
        Assert.True(db2.Services.History.Count == 0, $"db2 must not be restarted: {string.Join(", ", db2.Services.History)}");
        Assert.True(!lab["db1"].Sql.Executed.Any(s => ProcessList.IsMatch(s)), "only the stuck node's connections are ended");
        Assert.True(Notes() == "not Primary/Synced after 5s: db2 (db1: Primary, size 3, Synced, ready ON; db2: Primary, size 3, Donor/Desynced, ready ON; " +
                    "db3: Primary, size 3, Synced, ready ON) | ending the client connections left on db2 (not system or replication threads) | " +
                    "db2: ended 2 client connection(s) | lab healthy again: ended the connections left on db2 (5.0s)", $"notes: {Notes()}");
    }

    [Fact]
    public async Task Given_a_node_that_stays_desynced_after_its_connections_end_When_restored_Then_wsrep_desync_is_turned_off_first_and_then_the_node_is_restarted()
    {
        var lab = WithDb2Desynced(desync: "1");
        var db2 = lab["db2"];
        var executedBeforeStop = new List<string>();
        db2.Services.OnChange(e => { if (e.Change == FakeServiceChange.Stopped) executedBeforeStop.AddRange(db2.Sql.Executed); });

        var done = await RestoreAsync(lab);

        Assert.True(done is { Step: RestoreStep.RestartedNodes } && done.Hosts.SequenceEqual(["db2"]), $"{done}; notes: {Notes()}");
        Assert.True(string.Join(", ", db2.Services.History) == "Stopped galera, Started galera", $"db2: {string.Join(", ", db2.Services.History)}");
        Assert.True(executedBeforeStop.Any(s => ProcessList.IsMatch(s)) && executedBeforeStop.Contains("SET GLOBAL wsrep_desync=OFF"),
            $"connections ended and desync turned off before the restart; executed: {string.Join(" | ", executedBeforeStop)}");
        Assert.True(lab["db1"].Services.History.Count == 0 && lab["db3"].Services.History.Count == 0, "only the stuck node is restarted");
        Assert.Contains("db2: wsrep_desync was ON: SET GLOBAL wsrep_desync=OFF", _notes);
        Assert.Contains("ending connections was not enough: restarting db2", _notes);
        Assert.True(_notes[^1].StartsWith("lab healthy again: restarted db2 (10.", StringComparison.Ordinal), $"two in-place waits of 5s, then the restart: {Notes()}");
    }

    [Fact]
    public async Task Given_a_node_that_stays_stuck_after_a_restart_When_restored_Then_the_instance_is_recreated_as_the_last_resort()
    {
        var lab = WithDb2Desynced();
        // Whatever holds db2 comes back with it (its published state is set by the cluster model first, then this).
        lab["db2"].OnStart(ServiceCatalog.Galera, _ => lab["db2"].Sql.SetStatus("wsrep_local_state_comment", "Donor/Desynced"));
        var fresh = FakeLab.Load("galera", _clock);
        var recreated = 0;

        var done = await RestoreAsync(lab, _ => { recreated++; return Task.FromResult(fresh.Instance); });

        Assert.True(done is { Step: RestoreStep.Recreated } && recreated == 1, $"{done}, recreated {recreated} time(s); notes: {Notes()}");
        Assert.Same(fresh.Instance, done.Instance);
        Assert.True(_notes.Any(n => n.StartsWith("healing in place failed (db2 Primary/Synced with cluster size 3: not true after 90s", StringComparison.Ordinal)),
            $"notes: {Notes()}");
        Assert.True(_notes[^1].StartsWith("lab healthy again: recreated the instance (", StringComparison.Ordinal), $"notes: {Notes()}");
    }

    [Fact]
    public async Task Given_a_node_that_stays_stuck_and_no_recreation_allowed_When_restored_Then_it_fails_with_what_it_saw()
    {
        var lab = WithDb2Desynced();
        lab["db2"].OnStart(ServiceCatalog.Galera, _ => lab["db2"].Sql.SetStatus("wsrep_local_state_comment", "Donor/Desynced"));

        var e = await Assert.ThrowsAsync<WaitTimeoutException>(() => RestoreAsync(lab));

        Assert.Contains("db2: Primary, size 3, Donor/Desynced", e.Message);
    }
}
