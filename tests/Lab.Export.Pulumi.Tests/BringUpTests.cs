using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>The bring-up runs in the seed's order: new cluster on db1, joins, accounts on db1, then HAProxy; all through the jump host.</summary>
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
        Assert.Contains("wsrep_cluster_size", accounts);
        Assert.Equal(_galera.Lab.Host("db1").Address, connection.Str("host"));
        Assert.Superset(new HashSet<string> { "db1-new-cluster", "db2-join", "db3-join" }, _galera.AllDependencies("db1-accounts").ToHashSet());
    }

    [Fact]
    public void Given_haproxy_When_started_Then_it_is_after_the_accounts_and_on_the_haproxy_host()
    {
        Assert.Contains("systemctl restart haproxy", Create("haproxy-start"));
        Assert.Contains("db1-accounts", _galera.AllDependencies("haproxy-start"));
        Assert.Equal(_galera.Lab.Host("haproxy").Address, GaleraProgram.Properties(_galera.Resource("haproxy-start")).Map("connection").Str("host"));
    }

    [Fact]
    public void Given_every_command_When_its_connection_is_read_Then_it_goes_through_the_jump_host_with_the_admin_key_after_its_vm_exists()
    {
        var commands = _galera.ResourcesOfType("command:remote:Command").ToList();
        Assert.Equal(5, commands.Count);
        foreach (var (name, resource) in commands)
        {
            var connection = GaleraProgram.Properties(resource).Map("connection");
            var host = _galera.Lab.Hosts.Single(h => h.Address == connection.Str("host"));
            Assert.Equal("${client-public-ip.ipAddress}", connection.Map("proxy").Str("host"));
            Assert.Equal("${adminUser}", connection.Str("user"));
            Assert.Contains($"{host.Name}-vm", _galera.AllDependencies(name));
            Assert.Contains("client-vm", _galera.AllDependencies(name));
            Assert.StartsWith("set -eu\n", Create(name));
            Assert.Contains("cloud-init status --wait", Create(name));
        }
    }
}
