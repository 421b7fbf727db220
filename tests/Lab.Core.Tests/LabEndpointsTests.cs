using Lab.Core.Endpoints;
using Lab.Core.Loading;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

public sealed class LabEndpointsTests
{
    private static IReadOnlyList<LabEndpoint> For(string lab) => LabEndpoints.For(new LabCatalog(RepoRoot.Path).Load(lab));

    [Fact]
    public void Given_galera_Then_the_entry_is_HAProxy_and_each_node_is_an_endpoint_of_its_own()
    {
        var endpoints = For("galera");
        Assert.Equal(["haproxy", "db1", "db2", "db3"], endpoints.Select(e => e.Name));
        Assert.Equal("haproxy", Assert.Single(endpoints, e => e.IsEntry).Name);
        Assert.All(endpoints, e => Assert.Equal(3306, e.Port));
        Assert.Equal("10.10.10.102", endpoints.Single(e => e.Name == "db2").Address);
    }

    [Fact]
    public void Given_failover_Then_the_entry_is_the_virtual_IP()
    {
        var entry = Assert.Single(For("failover"), e => e.IsEntry);
        Assert.Equal(("vip", "10.10.10.110"), (entry.Name, entry.Address));
    }

    [Fact]
    public void Given_replication_without_a_proxy_or_VIP_Then_the_entry_is_the_first_server_the_primary()
    {
        var endpoints = For("replication");
        Assert.Equal(["primary", "replica1", "replica2"], endpoints.Select(e => e.Name));
        Assert.Equal("primary", Assert.Single(endpoints, e => e.IsEntry).Name);
    }
}
