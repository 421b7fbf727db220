using System.Diagnostics;
using Lab.Cli;
using Lab.Core.Checks;
using Lab.Core.Haproxy;
using Lab.Core.Waits;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

/// <summary>A galera lab brought up bare (`lab up galera --bare`): hosts as installed, for a student to build.</summary>
public sealed class BareGaleraLabFixture() : LocalLabFixture("galera", "bare", bare: true);

/// <summary>
/// `lab check galera` grades a lab built by hand: it fails on the bare lab, naming what is missing; then the seed's
/// setup (000) is typed through `lab shell HOST -- sh -c '...'` exactly as a student types it in the host's shell,
/// and the same check passes with 100%.
/// </summary>
public sealed class BareLabCheckTests(BareGaleraLabFixture lab, ITestOutputHelper output) : IClassFixture<BareGaleraLabFixture>
{
    [Fact]
    public async Task Given_a_bare_galera_lab_When_the_seeds_setup_is_typed_in_its_shells_Then_check_fails_before_and_passes_100_percent_after()
    {
        var instance = lab.Instance; // throws with the reason when the bare lab did not come up
        output.WriteLine($"lab up galera --bare: {lab.UpTime.TotalSeconds:0.0}s");
        var clock = Stopwatch.StartNew();

        // As installed: Debian's own files, a stand-alone server, no lab accounts; `lab status` reads it without crashing.
        Assert.Contains("bind-address            = 127.0.0.1", (await Shell("db1", "cat /etc/mysql/mariadb.conf.d/50-server.cnf")).Out);
        Assert.Equal("mariadb.sys@localhost mysql@localhost root@localhost",
            (await Shell("db2", "mariadb -N -B -e \"SELECT CONCAT(user, '@', host) FROM mysql.user ORDER BY user\" | sort | tr '\\n' ' '")).Out.Trim());
        Assert.Equal(ExitCodes.NotHealthy, (await Lab("status")).Exit);

        var before = await Lab("check", "galera");
        output.WriteLine(before.Out);
        Assert.Equal(ExitCodes.NotHealthy, before.Exit);
        var failed = CheckReport.TryLoad(lab.Layout.InstanceDir(lab.InstanceName))!;
        Assert.True(failed.Percent < 100, $"a bare lab scored {failed.Percent}%");
        string[] missing = ["wsrep-on", "cluster-address", "bind-address", "cluster-size", "synced", "cluster-name", "sst-method",
            "health-account", "haproxy-listens", "haproxy-check", "haproxy-backends", "app-through-haproxy"];
        Assert.Equal(missing, failed.Items.Where(i => !i.Passed).Select(i => i.Id));
        Assert.Contains(" ✗ bind-address ", before.Out);
        Assert.Contains("hint: Debian's 50-server.cnf has bind-address = 127.0.0.1", before.Out);
        Assert.Contains($"score: 0/{missing.Length} (0%)", before.Out);
        var korean = await Lab("check", "galera", "--lang", "ko");
        output.WriteLine(korean.Out);
        Assert.Equal(ExitCodes.NotHealthy, korean.Exit);
        Assert.Contains("힌트: 데비안 기본 50-server.cnf의 bind-address", korean.Out);
        Assert.Contains($"점수: 0/{missing.Length} (0%)", korean.Out);
        var graded = clock.Elapsed;

        // The seed's setup, typed in each host's shell. Galera's settings on every node (the guide's file), and
        // mariadb stopped, as in "2. 클러스터 설정".
        var db = instance.Lab.Hosts.Where(h => h.Name.StartsWith("db", StringComparison.Ordinal)).ToList();
        var members = string.Join(",", db.Select(h => h.Address));
        foreach (var node in db)
            await Typed(node.Name, $"""
                sed -i 's/^bind-address.*/bind-address            = 0.0.0.0/' /etc/mysql/mariadb.conf.d/50-server.cnf
                cat > /etc/mysql/mariadb.conf.d/60-galera.cnf <<'EOF'
                [galera]
                wsrep_on=ON
                wsrep_provider=/usr/lib/galera/libgalera_smm.so
                wsrep_cluster_address="gcomm://{members}"
                binlog_format=row
                default_storage_engine=InnoDB
                innodb_autoinc_lock_mode=2
                bind-address=0.0.0.0
                wsrep_cluster_name="MariaDB_Cluster"
                wsrep_node_address="{node.Address}"
                wsrep_sst_method=rsync
                EOF
                systemctl stop mariadb
                """);
        var configured = clock.Elapsed;
        await Typed("db1", "galera_new_cluster");
        await Typed("db2", "systemctl start mariadb"); // joins by SST (rsync) from db1: returns once it takes connections
        await Typed("db3", "systemctl start mariadb");
        var joined = clock.Elapsed;
        Assert.Equal("3", (await Shell("db3", "mariadb -N -B -e \"SHOW STATUS LIKE 'wsrep_cluster_size'\" | cut -f2")).Out.Trim());

        // The accounts: HAProxy's check login (no password: mysql-check cannot send one) and the application's, with the
        // password the client's settings hold. Created once: Galera copies them to db2 and db3.
        var password = (await Shell("client", "sed -n 's/^password *= *//p' /etc/mysql/mariadb.conf.d/90-lab-client.cnf")).Out.Trim();
        Assert.False(string.IsNullOrEmpty(password), "the client's settings name no password");
        var network = string.Join('.', instance.Lab.Host("client").Address.Split('.')[..3]) + ".%";
        var haproxy = instance.Lab.Host("haproxy").Address;
        await Typed("db1", $"mariadb -e \"CREATE USER 'haproxy'@'{haproxy}'; CREATE USER 'app'@'{network}' IDENTIFIED BY '{password}'; " +
                           $"GRANT ALL PRIVILEGES ON *.* TO 'app'@'{network}'; FLUSH PRIVILEGES;\"");

        // HAProxy: the seed's stats page, frontend and backend appended to Debian's file, checked, restarted.
        await Typed("haproxy", $"""
            cat >> /etc/haproxy/haproxy.cfg <<'EOF'

            listen stats
                    bind *:9000
                    mode  http
                    option dontlog-normal
                    stats enable
                    stats realm Haproxy\ Statistics
                    stats uri /stats

            frontend dbserver
                    bind *:3306
                    mode tcp
                    default_backend mariadb_backend

            backend mariadb_backend
                    mode tcp
                    option mysql-check user haproxy
            {string.Join("\n", db.Select(h => $"        server {h.Name} {h.Address}:3306 check"))}
            EOF
            haproxy -c -q -f /etc/haproxy/haproxy.cfg && systemctl restart haproxy
            """);
        // As a student watches the stats page: HAProxy's first checks of the restarted proxy have run.
        var (up, _) = await Until.Real.HoldsAsync("haproxy: db1, db2, db3 checked and UP", async ct =>
        {
            var r = await instance.Host("haproxy").RunAsync(HaproxyBackend.ShowStatCommand, timeout: TimeSpan.FromSeconds(5), ct: ct);
            var backends = r.Ok ? HaproxyBackend.ParseShowStat(r.Stdout).Where(b => b.Server.StartsWith("db", StringComparison.Ordinal)).ToList() : [];
            return new ProbeResult(backends.Count == 3 && backends.All(b => b.IsUp), r.Ok ? string.Join(", ", backends) : r.ToString());
        }, new WaitPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200)), CancellationToken.None);
        Assert.True(up.Satisfied, up.Observed);
        var built = clock.Elapsed;

        var after = await Lab("check", "galera");
        output.WriteLine(after.Out);
        Assert.True(after.Exit == ExitCodes.Ok, after.Out);
        Assert.Contains($"score: {missing.Length}/{missing.Length} (100%)", after.Out);
        var passed = CheckReport.TryLoad(lab.Layout.InstanceDir(lab.InstanceName))!;
        Assert.Equal((missing.Length, 100), (passed.Passed, passed.Percent));
        Assert.True(passed.CheckedUtc > failed.CheckedUtc);
        var koreanAfter = await Lab("check", "galera", "--lang", "ko");
        output.WriteLine(koreanAfter.Out);
        Assert.Equal(ExitCodes.Ok, koreanAfter.Exit);
        Assert.Contains($"점수: {missing.Length}/{missing.Length} (100%)", koreanAfter.Out);

        output.WriteLine($"check on the bare lab (en, ko, status): {graded.TotalSeconds:0.0}s; configuration typed: {(configured - graded).TotalSeconds:0.0}s; " +
                         $"galera_new_cluster + 2 SST joins: {(joined - configured).TotalSeconds:0.0}s; accounts + HAProxy until its backends are UP: " +
                         $"{(built - joined).TotalSeconds:0.0}s; check after (en, ko): {(clock.Elapsed - built).TotalSeconds:0.0}s");
    }

    private TypedCommands Cli => new(lab);

    private Task Typed(string host, string script) => Cli.TypedAsync(host, script);

    private Task<(int Exit, string Out)> Shell(string host, string script) => Cli.ShellAsync(host, script);

    private Task<(int Exit, string Out)> Lab(params string[] args) => Cli.LabAsync(args);
}
