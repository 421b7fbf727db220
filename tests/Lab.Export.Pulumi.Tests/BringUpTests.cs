using Lab.Export.Pulumi.Azure;
using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>
/// The program's command resources are the lab's one bring-up plan: new cluster on db1, joins, synced, accounts on db1,
/// HAProxy, its backends UP, a client query; each step after the whole step before it, all through the jump host.
/// </summary>
public sealed class BringUpTests
{
    private readonly GaleraProgram _galera = new();

    private string Create(string name) => Interpolation.Evaluate(GaleraProgram.Properties(_galera.Resource(name)).Str("create"), a => $"<{a}>");

    [Fact]
    public void Given_the_commands_When_read_Then_db1_starts_a_new_cluster_and_the_others_join_it_afterwards()
    {
        Assert.Contains("galera_new_cluster", Create("db1-new-cluster"));
        foreach (var joiner in new[] { "db2", "db3" })
        {
            Assert.Contains("systemctl start mariadb", Create($"{joiner}-join"));
            Assert.DoesNotContain("galera_new_cluster", Create($"{joiner}-join"));
            Assert.Contains("db1-new-cluster", _galera.AllDependencies($"{joiner}-join"));
        }
        Assert.Contains("db2-join", _galera.AllDependencies("db3-join"));
    }

    [Fact]
    public void Given_the_accounts_step_When_read_Then_it_runs_the_accounts_sql_on_db1_after_every_join()
    {
        var accounts = Create("db1-accounts");
        var connection = GaleraProgram.Properties(_galera.Resource("db1-accounts")).Map("connection");

        Assert.Contains("/etc/mysql/lab-accounts.sql", accounts);
        Assert.Contains("wsrep_cluster_size", Create("db1-synced"));
        Assert.Equal(_galera.Lab.Host("db1").Address, connection.Str("host"));
        Assert.Superset(new HashSet<string> { "db1-new-cluster", "db2-join", "db3-join", "db1-synced" }, _galera.AllDependencies("db1-accounts").ToHashSet());
    }

    [Fact]
    public void Given_haproxy_When_started_Then_it_is_after_the_accounts_and_on_the_haproxy_host()
    {
        Assert.Contains("systemctl restart haproxy", Create("haproxy-start"));
        Assert.Contains("db1-accounts", _galera.AllDependencies("haproxy-start"));
        Assert.Equal(_galera.Lab.Host("haproxy").Address, GaleraProgram.Properties(_galera.Resource("haproxy-start")).Map("connection").Str("host"));
    }

    [Fact]
    public void Given_the_plan_When_exported_Then_there_is_one_command_resource_per_host_step_in_the_plans_order()
    {
        var names = _galera.ResourcesOfType("command:remote:Command").Select(c => c.Name).ToList();

        Assert.Equal(["db1-secret-files", "db2-secret-files", "db3-secret-files", "client-secret-files", "db1-new-cluster", "db2-join", "db3-join", "db1-synced", "db1-accounts", "haproxy-start", "haproxy-backends-up", "client-query"], names);
        Assert.Contains("haproxy-start", _galera.AllDependencies("haproxy-backends-up"));
        Assert.Contains("haproxy-backends-up", _galera.AllDependencies("client-query"));
        Assert.Contains("SELECT @@hostname", Create("client-query"));
    }

    [Fact]
    public void Given_ha_drbd_When_exported_Then_its_commands_are_the_labs_setup_steps_in_order_then_the_client_query()
    {
        var drbd = new GaleraProgram("ha-drbd");
        var plan = Lab.Core.BringUp.BringUpPlan.For(drbd.Lab, Lab.Core.Galera.GaleraStart.Classic);

        var names = drbd.ResourcesOfType("command:remote:Command").Select(c => c.Name).ToList();

        Assert.Equal(["node1-secret-files", "node2-secret-files", "client-secret-files",
            "node1-setup-1", "node2-setup-1", "node1-setup-2", "node1-setup-3", "node2-setup-3", "node1-setup-4", "client-query"], names);
        // Each setup step's script is the lab's, as the live runner runs it (no second copy of the sequence).
        foreach (var step in plan.Steps.OfType<Lab.Core.BringUp.LabSetupStep>())
            foreach (var host in step.Step.Hosts)
                Assert.EndsWith(LabSetupScript.For(step.Step), GaleraProgram.Properties(drbd.Resource($"{host}-{step.Key}")).Str("create").Replace("$$", "$"));
        Assert.Contains("node2-setup-1", drbd.AllDependencies("node1-setup-2"));
        Assert.Contains("node2-setup-3", drbd.AllDependencies("node1-setup-4"));
        Assert.Contains("node1-setup-4", drbd.AllDependencies("client-query"));
        // The first query goes through the load balancer, which learns of the new holder only from its next probe: polled.
        var query = GaleraProgram.Properties(drbd.Resource("client-query")).Str("create");
        Assert.Contains("for i in $$(seq 1 240); do", query);
        Assert.Contains("SELECT @@hostname", query);
    }

    [Fact]
    public void Given_a_lab_setup_step_When_exported_Then_its_script_runs_as_root_and_its_wait_is_a_bounded_poll()
    {
        var step = new Lab.Core.Model.LabStep("r0 up", ["n1"], "drbdadm up r0\n", "drbdadm cstate r0 | grep -q Connected", TimeSpan.FromSeconds(30), "lab.yaml", 7);

        var script = Azure.LabSetupScript.For(step);

        Assert.Contains("sudo sh -e -s <<'LAB_SETUP_END'\ndrbdadm up r0\nLAB_SETUP_END\n", script);
        Assert.Contains("for i in $(seq 1 60); do", script);
        Assert.Contains("sudo sh -c 'drbdadm cstate r0 | grep -q Connected'", script);
        Assert.Contains("exit 1", script);
    }

    [Fact]
    public void Given_every_command_When_its_connection_is_read_Then_it_goes_through_the_jump_host_with_the_admin_key_after_its_vm_exists()
    {
        var commands = _galera.ResourcesOfType("command:remote:Command").ToList();
        Assert.Equal(12, commands.Count);
        foreach (var (name, resource) in commands)
        {
            var connection = GaleraProgram.Properties(resource).Map("connection");
            var onJump = connection.Str("host") == "${client-public-ip.ipAddress}";
            var host = onJump ? _galera.Lab.Host("client") : _galera.Lab.Hosts.Single(h => h.Address == connection.Str("host"));
            if (!onJump) Assert.Equal("${client-public-ip.ipAddress}", connection.Map("proxy").Str("host"));
            Assert.Equal("${adminUser}", connection.Str("user"));
            Assert.Contains($"{host.Name}-vm", _galera.AllDependencies(name));
            Assert.Contains("client-vm", _galera.AllDependencies(name));
            Assert.StartsWith("set -eu\n", Create(name));
            Assert.Contains("cloud-init status --wait", Create(name));
        }
    }
}
