using Lab.Core.Loading;
using Lab.Core.Sql;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>Which hosts of the real labs `lab sql` runs the client on, and the line it prints for the others.</summary>
public sealed class SqlHostsTests
{
    private static readonly LabCatalog Catalog = new(RepoRoot.Path);

    [Theory]
    [InlineData("galera", "db1,db2,db3,client")]
    [InlineData("replication", "primary,replica1,replica2,client")]
    [InlineData("failover", "primary,replica1,replica2,client")]
    [InlineData("lvs", "rs1,rs2,client")]
    [InlineData("ha-drbd", "node1,node2,client")] // Pacemaker starts MariaDB from the rendered server config
    public void Given_a_lab_Then_its_database_and_client_hosts_answer_SQL_and_no_other(string lab, string expected)
    {
        var definition = Catalog.Load(lab);

        var able = string.Join(",", SqlHosts.In(definition));

        Assert.Equal(expected, able);
    }

    [Fact]
    public void Given_the_haproxy_host_Then_the_refusal_is_one_line_naming_the_hosts_that_answer()
    {
        var galera = Catalog.Load("galera");

        var line = SqlHosts.WhyNot(galera, galera.Host("haproxy"));

        Assert.Equal("haproxy has no MariaDB server and no MariaDB client configuration, so `mariadb` there has nothing to connect to; " +
                     "run SQL on db1, db2, db3 or client instead", line);
    }
}
