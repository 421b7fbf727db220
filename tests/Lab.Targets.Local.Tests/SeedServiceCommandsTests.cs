using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Services;
using Lab.Core.Status;
using Lab.Core.Waits;

namespace Lab.Targets.Local.Tests;

/// <summary>A galera lab of its own: these tests stop every node, which the shared fixture's other tests must not see.</summary>
public sealed class SeedCommandsLabFixture() : LocalLabFixture("galera", "scsvc");

/// <summary>
/// The seeds' service commands typed in a namespace host, as a student types them: `systemctl stop|start|status|
/// is-active mariadb`, `journalctl -u mariadb`, `service mysql start` and `galera_new_cluster`, each answered by the
/// tool's own supervisor with systemd's exit codes and look, and the cluster behaving as on the seeds' VMs.
/// </summary>
public sealed class SeedServiceCommandsTests(SeedCommandsLabFixture lab) : IClassFixture<SeedCommandsLabFixture>
{
    private static readonly WaitPolicy ClusterWait = new(TimeSpan.FromSeconds(120), TimeSpan.FromMilliseconds(200));

    [Fact]
    public async Task Given_a_galera_lab_When_a_student_stops_starts_and_bootstraps_with_the_seeds_commands_Then_they_act_as_on_systemd()
    {
        var i = lab.Instance;
        var (db1, db2) = (i.Host("db1"), i.Host("db2"));

        var stop = await db1.RunAsync("systemctl stop mariadb");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal(ServiceState.Stopped, (await db1.StatusAsync(ServiceCatalog.Galera)).State);
        await SizeAsync(db2, 2);

        var isActive = await db1.RunAsync("systemctl is-active mariadb");
        Assert.Equal(3, isActive.ExitCode);
        Assert.Equal("inactive", isActive.Stdout.Trim());
        var status = await db1.RunAsync("systemctl status mariadb");
        Assert.Equal(3, status.ExitCode);
        Assert.StartsWith("○ mariadb.service - MariaDB database server\n", status.Stdout);
        Assert.Contains("Active: inactive (dead)", status.Stdout);
        Assert.Contains("Shutdown complete", status.Stdout); // the log's last lines follow, as systemd shows the journal's

        var start = await db1.RunAsync("systemctl start mariadb");
        Assert.True(start.ExitCode == 0, start.ToString());
        await SyncedAsync([db1, db2, i.Host("db3")]);
        var running = await db1.RunAsync("systemctl status mariadb.service");
        Assert.Equal(0, running.ExitCode);
        Assert.Matches(@"Active: active \(running\) since \w{3} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; \d+(ms|s) ago", running.Stdout);
        Assert.Contains($"Main PID: {(await db1.StatusAsync(ServiceCatalog.Galera)).Pid} (mariadbd)", running.Stdout);
        // Through `lab shell`, as a student types it: same answer, same exit code.
        var typed = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(typed) });
        var shell = await Lab.Cli.LabApp.RunAsync(["shell", "db1", "--instance", lab.InstanceName, "--", "systemctl", "is-active", "mysql"],
            console, lab.Layout, () => lab.Catalog);
        Assert.Equal((0, "active"), (shell, typed.ToString().Trim()));

        var journal = await db1.RunAsync("journalctl -u mariadb -n 5");
        Assert.Equal(0, journal.ExitCode);
        var lines = journal.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(5, lines.Length);
        var log = await db1.ReadFileAsync("/var/log/mysql/error.log");
        Assert.All(lines, l => Assert.Contains(l + "\n", log));

        // The whole cluster down, in order: the last to leave (db3) is the one grastate.dat marks safe to bootstrap.
        foreach (var node in new[] { "db1", "db2", "db3" })
        {
            var down = await i.Host(node).RunAsync("systemctl stop mariadb");
            Assert.True(down.ExitCode == 0, $"{node}: {down}");
        }
        var safe = new List<string>();
        foreach (var node in new[] { "db1", "db2", "db3" })
            if (GraState.Parse((await i.Host(node).ReadFileAsync("/var/lib/mysql/grastate.dat"))!).SafeToBootstrap) safe.Add(node);
        Assert.Equal(["db3"], safe);

        // On a node that was not last, mariadbd refuses to bootstrap and galera_new_cluster fails as the script does.
        var refused = await db1.RunAsync("galera_new_cluster");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Job for mariadb.service failed", refused.Stderr);
        var failed = await db1.RunAsync("systemctl status mariadb");
        Assert.Equal(3, failed.ExitCode);
        Assert.Contains("Active: failed", failed.Stdout);
        Assert.Contains("safe_to_bootstrap", failed.Stdout);

        var bootstrap = await i.Host("db3").RunAsync("galera_new_cluster");
        Assert.True(bootstrap.ExitCode == 0, bootstrap.ToString());
        var viaService = await db1.RunAsync("service mysql start");
        Assert.True(viaService.ExitCode == 0, viaService.ToString());
        var viaSystemctl = await db2.RunAsync("systemctl start mariadb");
        Assert.True(viaSystemctl.ExitCode == 0, viaSystemctl.ToString());
        await SyncedAsync([db1, db2, i.Host("db3")]);
        var whole = await Until.Real.HoldsAsync("the lab healthy again", async ct =>
        {
            var s = await LabStatusReader.ReadAsync(i, ct);
            return new ProbeResult(s.Healthy, string.Join("; ", s.Problems));
        }, ClusterWait, CancellationToken.None);
        Assert.True(whole.Result.Satisfied, whole.Result.Observed);
    }

    [Fact]
    public async Task Given_a_unit_the_host_does_not_run_Then_systemctl_answers_with_systemds_messages_and_codes()
    {
        var db1 = lab.Instance.Host("db1");
        var status = await db1.RunAsync("systemctl status haproxy");
        Assert.Equal((4, "Unit haproxy.service could not be found."), (status.ExitCode, status.Stderr.Trim()));
        var start = await db1.RunAsync("systemctl start nosuch");
        Assert.Equal((5, "Failed to start nosuch.service: Unit nosuch.service not found."), (start.ExitCode, start.Stderr.Trim()));
        var haproxy = await lab.Instance.Host("haproxy").RunAsync("systemctl is-active haproxy; service haproxy status | head -1");
        Assert.Equal("active\n● haproxy.service - HAProxy Load Balancer\n", haproxy.Stdout);
    }

    private static async Task SizeAsync(ILabHost node, int size)
    {
        var (result, _) = await Until.Real.HoldsAsync($"{node.Name}: cluster size {size}", async ct =>
        {
            var s = await GaleraStatus.ReadAsync(node, ct);
            return new ProbeResult(s.ClusterSize == size && s.ClusterStatus == "Primary", s.ToString());
        }, ClusterWait, CancellationToken.None);
        Assert.True(result.Satisfied, result.Observed);
    }

    private static async Task SyncedAsync(IReadOnlyList<ILabHost> nodes)
    {
        foreach (var node in nodes)
        {
            var (result, _) = await Until.Real.HoldsAsync($"{node.Name}: Primary, Synced, size {nodes.Count}", async ct =>
            {
                try { return new ProbeResult((await GaleraStatus.ReadAsync(node, ct)).IsPrimarySynced(nodes.Count), "not yet"); }
                catch (HostCommandException e) { return new ProbeResult(false, e.Message); }
            }, ClusterWait, CancellationToken.None);
            Assert.True(result.Satisfied, $"{node.Name}: {result.Observed}");
        }
    }
}
