using Lab.Core.Hosts;
using Lab.Core.Loading;
using Lab.Core.Sql;
using Lab.Core.Status;
using Lab.Core.Status.Health;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>
/// `lab status` reads what each lab's health depends on and judges it by that lab's own rule: the real reader and
/// rules over fake hosts in the state `lab up` leaves them, then broken the ways a student breaks them. Each problem
/// must name the host, what is wrong and the command to run next.
/// </summary>
public sealed class LabStatusHealthTests
{
    private static async Task<LabStatus> ReadAsync(FakeLab lab) => await LabStatusReader.ReadAsync(lab.Instance, CancellationToken.None);

    private static string Show(LabStatus status) => status.Problems.Count == 0 ? "(healthy)" : string.Join("\n", status.Problems);

    [Theory]
    [InlineData("galera", true, false, false, false, true)]
    [InlineData("replication", false, true, false, false, false)]
    [InlineData("failover", false, true, true, false, false)]
    [InlineData("ha-drbd", false, false, true, true, false)]
    [InlineData("lvs", false, false, false, false, false)]
    public void Given_a_lab_definition_Then_its_status_aspects_follow_from_it(string lab, bool galera, bool replication, bool vip, bool drbd, bool haproxy)
    {
        var aspects = StatusAspects.For(new LabCatalog(RepoRoot.Path).Load(lab));

        Assert.True(aspects.Galera == galera && aspects.Replication == replication && (aspects.VirtualIp is not null) == vip &&
                    aspects.Drbd == drbd && aspects.Haproxy == haproxy, $"{lab}: {aspects}");
    }

    [Theory]
    [InlineData("galera")]
    [InlineData("replication")]
    [InlineData("failover")]
    public async Task Given_a_lab_as_up_leaves_it_When_its_status_is_read_Then_it_is_healthy(string name)
    {
        var lab = FakeLab.Load(name, new ManualTimeProvider());

        var status = await ReadAsync(lab);

        Assert.True(status.Healthy, Show(status));
    }

    [Fact]
    public async Task Given_a_replication_lab_When_its_status_is_read_Then_each_server_shows_its_role_read_only_and_threads()
    {
        var lab = FakeLab.Load("replication", new ManualTimeProvider());

        var status = await ReadAsync(lab);

        var seen = string.Join("; ", status.Hosts.Where(h => h.Replication is not null)
            .Select(h => $"{h.Name} {h.Replication!.Value.Role} ro={h.Replication.Value.ReadOnly} {h.Replication.Value.IoThread}/{h.Replication.Value.SqlThread}"));
        Assert.Equal("primary primary ro=False /; replica1 replica ro=True Yes/Yes; replica2 replica ro=True Yes/Yes", seen);
        Assert.Null(status.Host("client").Replication);
    }

    [Fact]
    public async Task Given_the_primary_is_killed_When_the_status_is_read_Then_it_is_down_and_its_replicas_point_at_starting_it()
    {
        var lab = FakeLab.Load("replication", new ManualTimeProvider());
        lab["primary"].Services.Signal("mariadb", ServiceSignal.Kill);
        lab["replica1"].Sql.Replica["Slave_IO_Running"] = "Connecting";
        lab["replica1"].Sql.Replica["Last_IO_Errno"] = "2003";
        lab["replica1"].Sql.Replica["Last_IO_Error"] = "error reconnecting to master 'repl@10.10.10.111:3306'";

        var status = await ReadAsync(lab);

        Assert.Equal(NoReading.Down, status.Host("primary").Replication!.Missing!.State);
        Assert.True(status.Problems.SequenceEqual(
        [
            new HealthProblem("primary", "mariadb is stopped", "lab start primary"),
            new HealthProblem("replica1", "IO thread Connecting, SQL thread Yes", "lab start primary", About: "primary")
                { Detail = "Last_IO_Error 2003: error reconnecting to master 'repl@10.10.10.111:3306'" },
        ]), Show(status));
    }

    [Fact]
    public async Task Given_a_replica_stopped_by_hand_Then_the_next_command_starts_its_threads()
    {
        var lab = FakeLab.Load("replication", new ManualTimeProvider());
        await lab["replica2"].QueryAsync("STOP SLAVE SQL_THREAD");

        var status = await ReadAsync(lab);

        Assert.True(status.Problems.SequenceEqual([new HealthProblem("replica2", "IO thread Yes, SQL thread No", "lab sql replica2 \"START SLAVE\"")]), Show(status));
    }

    [Fact]
    public async Task Given_mariadbd_runs_but_its_socket_refuses_When_read_Then_the_cell_state_is_short_and_the_client_error_is_the_detail()
    {
        var lab = FakeLab.Load("galera", new ManualTimeProvider());
        lab["db1"].Sql.On(new System.Text.RegularExpressions.Regex("^SHOW GLOBAL STATUS"), _ => SqlError.CannotConnectLocally);

        var status = await ReadAsync(lab);

        Assert.Equal(NoReading.NoAnswer, status.Host("db1").Galera!.Missing!.State);
        var problem = Assert.Single(status.Problems);
        Assert.True(problem is { Host: "db1", What: "mariadbd runs but does not answer", Next: "lab status --watch" } &&
                    problem.Detail!.Contains("ERROR 2002", StringComparison.Ordinal), Show(status));
    }

    [Fact]
    public async Task Given_db1_is_killed_Then_the_problems_are_db1_down_and_HAProxy_marking_it_not_the_smaller_cluster()
    {
        var lab = FakeLab.Load("galera", new ManualTimeProvider());
        lab["db1"].Services.Signal("galera", ServiceSignal.Kill);

        var status = await ReadAsync(lab);

        Assert.True(status.Problems.Select(p => $"{p.Host}|{p.What}|{p.Next}|{p.About}").SequenceEqual(
        [
            "db1|galera is stopped|lab start db1|",
            "haproxy|HAProxy has db1 DOWN (check L4CON)|lab status --watch|db1",
        ]), Show(status));
    }

    [Fact]
    public async Task Given_two_of_three_nodes_are_killed_Then_the_survivor_is_told_to_bootstrap_as_the_guide_does()
    {
        var lab = FakeLab.Load("galera", new ManualTimeProvider());
        lab["db1"].Services.Signal("galera", ServiceSignal.Kill);
        lab["db2"].Services.Signal("galera", ServiceSignal.Kill);

        var status = await ReadAsync(lab);

        var db3 = Assert.Single(status.Problems, p => p.Host == "db3");
        Assert.True(db3 is { What: "wsrep_cluster_status non-Primary: no quorum, it refuses queries (ERROR 1047)" } &&
                    db3.Next == "lab sql db3 \"SET GLOBAL wsrep_provider_options='pc.bootstrap=YES'\"", Show(status));
    }

    [Fact]
    public async Task Given_the_VIP_went_to_a_replica_while_nobody_is_writable_Then_the_holder_is_flagged_and_the_most_advanced_is_to_be_promoted()
    {
        var lab = FakeLab.Load("failover", new ManualTimeProvider());
        var vip = lab.Lab.Vars["vip"];
        lab["primary"].Services.Signal("mariadb", ServiceSignal.Kill);
        lab["primary"].RemoveAddress(vip);
        lab["replica1"].AddAddress(vip);
        lab["replica2"].Sql.SetVariable("gtid_current_pos", "0-111-9");
        lab["replica1"].Sql.SetVariable("gtid_current_pos", "0-111-7");

        var status = await ReadAsync(lab);

        Assert.Equal(["replica1"], status.VipHolders);
        var vipProblem = Assert.Single(status.Problems, p => p.Host == "replica1" && p.What.Contains("virtual IP", StringComparison.Ordinal));
        Assert.True(vipProblem.Next == "lab sql replica2 \"STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=OFF\"" && vipProblem.About == "replica2",
            Show(status));
    }

    [Fact]
    public async Task Given_a_replica_made_writable_and_detached_Then_it_is_a_second_primary_and_the_VIP_holder_stays_the_primary()
    {
        var lab = FakeLab.Load("failover", new ManualTimeProvider());
        await lab["replica2"].QueryAsync("STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=OFF");

        var status = await ReadAsync(lab);

        var problem = Assert.Single(status.Problems);
        Assert.True(problem is { Host: "replica2", About: "primary" } && problem.What.Contains("two primaries", StringComparison.Ordinal) &&
                    problem.Next == "lab down && lab up failover --instance fake", Show(status));
    }

    [Fact]
    public void Given_a_DRBD_pair_with_MariaDB_stopped_on_the_Primary_Then_that_node_is_the_problem()
    {
        var aspects = new StatusAspects(Galera: false, Replication: false, VirtualIp: null, Drbd: true, Haproxy: false);
        HostStatus Node(string name, string role, bool mariadb) =>
            new(name, "10.10.40.1", [new ServiceStatus("pacemaker", ServiceState.Running, 10)]) { Drbd = Reading<DrbdReading>.Of(new DrbdReading(role, mariadb)) };

        var status = new LabStatus("d", "ha-drbd", "vm", "10.10.40.0/24", aspects, [Node("node1", "Primary", false), Node("node2", "Secondary", false)]);

        Assert.True(status.Problems.SequenceEqual([new HealthProblem("node1", "DRBD Primary, but MariaDB is not running on it", "lab shell node1 -- crm_mon -1 -r")]),
            Show(status));
    }

    [Theory]
    [InlineData("Primary/Secondary\nactive\n", "Primary", true)]
    [InlineData("Secondary/Primary\ninactive\n", "Secondary", false)]
    [InlineData("'r0' not defined in your config (for this host).\ninactive\n", "unknown", false)]
    public void Given_drbdadm_and_systemctl_output_Then_the_role_and_MariaDB_state_are_read(string output, string role, bool running)
    {
        Assert.Equal(new DrbdReading(role, running), DrbdReading.Parse(output));
    }

    [Fact]
    public void Given_several_instances_Then_suggested_commands_name_the_instance_before_any_double_dash()
    {
        var commands = new LabCommands("galera", "g2", NameInstance: true);
        var db1 = new HostStatus("db1", "10.10.10.101", [new ServiceStatus("galera", ServiceState.Stopped, 0), new ServiceStatus("clustercheck", ServiceState.Running, 3)]);

        Assert.Equal("lab start db1 --instance g2 -- --wsrep-new-cluster", commands.Start(db1, "galera", "--wsrep-new-cluster"));
        Assert.Equal("lab start db1 --service clustercheck --instance g2", commands.Start(db1, "clustercheck"));
        Assert.Equal("lab shell db1 --instance g2 -- tail -n 20 /var/log/mysql/error.log", commands.Log("db1", "/var/log/mysql/error.log"));
        Assert.Equal("lab down --instance g2 && lab up galera --instance g2", commands.Recreate);
    }
}
