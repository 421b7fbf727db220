using System.Diagnostics;
using Lab.Cli;
using Lab.Core.Checks;
using Lab.Core.Replication;
using Lab.Core.Waits;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

/// <summary>A replication lab brought up bare: three stand-alone servers as installed, and the client.</summary>
public sealed class BareReplicationLabFixture() : LocalLabFixture("replication", "barer", bare: true);

/// <summary>
/// `lab check replication`: it fails on the bare lab; the class notes' setup (001: binary log and server ids, a
/// replication account, CHANGE MASTER TO ... START SLAVE on each replica) typed in the hosts' shells makes it pass 100%.
/// </summary>
public sealed class BareReplicationCheckTests(BareReplicationLabFixture lab, ITestOutputHelper output) : IClassFixture<BareReplicationLabFixture>
{
    [Fact]
    public async Task Given_a_bare_replication_lab_When_the_notes_setup_is_typed_in_its_shells_Then_check_fails_before_and_passes_100_percent_after()
    {
        var instance = lab.Instance;
        var cli = new TypedCommands(lab);
        output.WriteLine($"lab up replication --bare: {lab.UpTime.TotalSeconds:0.0}s");
        var clock = Stopwatch.StartNew();

        var before = await cli.LabAsync("check", "replication");
        output.WriteLine(before.Out);
        Assert.Equal(ExitCodes.NotHealthy, before.Exit);
        var items = new CheckLoader(instance.Lab).Load().Select(c => c.Id).ToList();
        Assert.Equal(items, CheckReport.TryLoad(lab.Layout.InstanceDir(lab.InstanceName))!.Items.Where(i => !i.Passed).Select(i => i.Id));
        Assert.Contains($"score: 0/{items.Count} (0%)", before.Out);

        // The primary: reachable, a binary log, its server id; the replication and application accounts.
        var primary = instance.Lab.Host("primary").Address;
        var appPassword = (await cli.ShellAsync("client", "sed -n 's/^password *= *//p' /etc/mysql/mariadb.conf.d/90-lab-client.cnf")).Out.Trim();
        var replPassword = Convert.ToHexString(Guid.NewGuid().ToByteArray())[..16]; // the student's own choice: no default password
        await cli.TypedAsync("primary", $$"""
            sed -i 's/^bind-address.*/bind-address            = 0.0.0.0/' /etc/mysql/mariadb.conf.d/50-server.cnf
            printf '[mysqld]\nserver-id = 1\nlog-bin = mysql-bin\nbinlog_format = ROW\n' >> /etc/mysql/mariadb.conf.d/50-server.cnf
            systemctl restart mariadb
            mariadb -e "CREATE USER 'repl'@'%' IDENTIFIED BY '{{replPassword}}'; GRANT REPLICATION SLAVE ON *.* TO 'repl'@'%';
                        CREATE USER 'app'@'%' IDENTIFIED BY '{{appPassword}}'; GRANT ALL PRIVILEGES ON *.* TO 'app'@'%'; SHOW MASTER STATUS"
            """);
        // Each replica: its own id, read-only, then replicating from the first binlog's start (the primary holds
        // nothing but the accounts, so that is the whole "copy of the data first").
        foreach (var (replica, id) in new[] { ("replica1", 2), ("replica2", 3) })
            await cli.TypedAsync(replica, $$"""
                printf '[mysqld]\nserver-id = {{id}}\nread_only = ON\n' >> /etc/mysql/mariadb.conf.d/50-server.cnf
                systemctl restart mariadb
                mariadb -e "CHANGE MASTER TO MASTER_HOST='{{primary}}', MASTER_USER='repl', MASTER_PASSWORD='{{replPassword}}',
                            MASTER_LOG_FILE='mysql-bin.000001', MASTER_LOG_POS=4; START SLAVE"
                """);
        // As a student watches SHOW SLAVE STATUS: both threads running on both replicas.
        var (running, _) = await Until.Real.HoldsAsync("replica1, replica2: Slave_IO_Running and Slave_SQL_Running Yes", async ct =>
        {
            var seen = await Task.WhenAll(new[] { "replica1", "replica2" }.Select(r => ReplicaStatus.ReadAsync(instance.Host(r), ct)));
            return new ProbeResult(seen.All(s => s.Configured && s["Slave_IO_Running"] == "Yes" && s["Slave_SQL_Running"] == "Yes"),
                string.Join("; ", seen.Select(s => s.ToString())));
        }, new WaitPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)), CancellationToken.None);
        Assert.True(running.Satisfied, running.Observed);
        var built = clock.Elapsed;

        var after = await cli.LabAsync("check", "replication", "--lang", "ko");
        output.WriteLine(after.Out);
        Assert.True(after.Exit == ExitCodes.Ok, after.Out);
        Assert.Contains($"점수: {items.Count}/{items.Count} (100%)", after.Out);
        output.WriteLine($"check on the bare lab: {(built.TotalSeconds):0.0}s including the setup typed; check after: {(clock.Elapsed - built).TotalSeconds:0.0}s");
    }
}

/// <summary>The lab `lab up replication` builds passes every item of `lab check replication`.</summary>
[Collection(ReplicationLabCollection.Name)]
public sealed class ReplicationLabCheckTests(ReplicationLabFixture lab)
{
    [Fact]
    public async Task Given_the_lab_built_by_up_When_checked_Then_every_item_passes()
    {
        _ = lab.Instance;

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(lab, "check", "replication");

        Assert.True(exit == ExitCodes.Ok, stdout + stderr);
        var report = CheckReport.TryLoad(lab.Layout.InstanceDir(lab.InstanceName))!;
        Assert.Equal((report.Total, 100), (report.Passed, report.Percent));
    }
}
