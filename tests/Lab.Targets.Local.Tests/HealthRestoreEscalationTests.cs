using System.Diagnostics;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Scenarios;
using Lab.Core.Waits;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// A scenario that fails while a connection holds FLUSH TABLES WITH READ LOCK on db2 (and wsrep_desync is ON on db3)
/// leaves both nodes Donor/Desynced: waiting cannot heal that. The restore ends the leftover connections, turns desync
/// off, and the next scenario passes, in seconds rather than the 90 s the old restore waited before giving up.
/// </summary>
[Collection(GaleraLabCollection.Name)]
public sealed class HealthRestoreEscalationTests(GaleraLabFixture lab, ITestOutputHelper output)
{
    // Hosts share the machine's process table (no PID namespace): the marker keeps pgrep/pkill to this test's own client.
    private string Marker => "held_" + lab.InstanceName;

    // "[h]eld_...": matches the client's command line but not the shell running pgrep, whose own line has the brackets.
    private string MarkerPattern => "[h]" + Marker[1..];

    private string HeldLock => $"setsid nohup mariadb -e 'FLUSH TABLES WITH READ LOCK; SELECT SLEEP(600) AS {Marker}' >/dev/null 2>&1 < /dev/null &";

    [Fact]
    public async Task Given_a_scenario_that_failed_holding_a_global_read_lock_When_the_lab_is_restored_Then_the_leftover_connections_end_and_the_next_scenario_passes()
    {
        var loader = new ScenarioLoader(lab.Lab);
        var locks = loader.Parse("holds-a-lock.yaml", $$"""
            name: holds-a-lock
            stages:
              - title: take the global read lock on db2 in a connection that stays, desync db3
                do:
                  - shell: { on: db2, run: "{{HeldLock}}" }
                  - sql: { on: db3, run: "SET GLOBAL wsrep_desync=ON" }
                expect:
                  - status: { on: [db2, db3], wsrep_local_state_comment: Donor/Desynced }
                    within: 10s
              - title: fail while they are held
                expect:
                  - status: { on: db1, wsrep_cluster_size: 4 }
                    within: 200ms
            """);
        var after = loader.Parse("after.yaml", """
            name: after
            stages:
              - title: every node writes and is Synced
                do:
                  - sql: { on: db2, run: "CREATE DATABASE IF NOT EXISTS restored; DROP DATABASE restored" }
                  - sql: { on: db3, run: "CREATE DATABASE IF NOT EXISTS restored; DROP DATABASE restored" }
                expect:
                  - status: { on: [db1, db2, db3], wsrep_local_state_comment: Synced, wsrep_cluster_size: 3 }
                    within: 5s
            """);
        var notes = new List<string>();
        void Note(string m) { lock (notes) notes.Add(m); output.WriteLine($"  · {m}"); }
        await new HealthRestorer(lab.Instance, Until.Real, Note).RestoreAsync(CancellationToken.None); // whatever the test before left
        notes.Clear();
        var observer = SilentObserver.Instance;
        try
        {
            var failed = await new ScenarioRunner(lab.Instance, observer, TimeProvider.System).RunAsync(locks, CancellationToken.None);
            Assert.True(failed.Steps.Count == 4 && failed.Steps.Take(3).All(s => s.Passed) && !failed.Passed,
                $"the lock and desync should be in place, then the scenario fail on purpose: {string.Join(" / ", failed.Steps.Select(s => $"{s.Passed} {s.Description}: {s.Detail}"))}");

            var clock = Stopwatch.StartNew();
            var restored = await new HealthRestorer(lab.Instance, Until.Real, Note,
                recreate: _ => throw new InvalidOperationException("ending the connections should have been enough; it tried to recreate")).RestoreAsync(CancellationToken.None);
            var took = clock.Elapsed;
            output.WriteLine($"restore: {restored.Describe(Lab.Core.Messages.Language.En)} in {took.TotalSeconds:0.00}s (reported {restored.Took.TotalSeconds:0.00}s)");

            Assert.True(restored.Step == RestoreStep.EndedSessions && restored.Hosts.Order().SequenceEqual(["db2", "db3"]),
                $"{restored}; notes: {string.Join(" | ", notes)}");
            Assert.True(took < TimeSpan.FromSeconds(30), $"the restore took {took.TotalSeconds:0.0}s; notes: {string.Join(" | ", notes)}");
            Assert.Contains("db3: wsrep_desync was ON: SET GLOBAL wsrep_desync=OFF", notes);
            Assert.Contains(notes, n => n.StartsWith("db2: ended ", StringComparison.Ordinal) && !n.StartsWith("db2: ended 0 ", StringComparison.Ordinal));
            Assert.Contains(notes, n => n.StartsWith("lab healthy again: ended the connections left on db2, db3 (", StringComparison.Ordinal));
            // The client that held the lock saw its connection end and exited: nothing of the scenario is left running.
            await Until.Real.HoldsAsync("the client holding the lock on db2 exited", async c =>
            {
                var r = await lab.Instance.Host("db2").RunAsync($"pgrep -f '{MarkerPattern}' || true", ct: c);
                return new ProbeResult(r.Stdout.Trim().Length == 0, r.Stdout.Trim());
            }, new WaitPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100)), CancellationToken.None);

            var next = await new ScenarioRunner(lab.Instance, observer, TimeProvider.System).RunAsync(after, CancellationToken.None);
            Assert.True(next.Passed, $"the next scenario: {next.Error}");
        }
        finally
        {
            // Whatever failed above, the collection's next test starts from a healthy lab.
            await lab.Instance.Host("db2").RunAsync($"pkill -f '{MarkerPattern}' || true");
            await new HealthRestorer(lab.Instance, Until.Real, _ => { }).RestoreAsync(CancellationToken.None);
        }
    }
}
