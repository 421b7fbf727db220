using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>The stack outputs are an inventory of every lab host: address, user, port and jump host.</summary>
public sealed class InventoryTests
{
    private readonly GaleraProgram _galera = new();

    [Fact]
    public void Given_the_outputs_When_the_inventory_is_read_Then_it_lists_every_host_reachable_through_the_jump_host()
    {
        var inventory = _galera.Root.Map("outputs").Map("inventory");
        var hosts = inventory.Map("hosts");

        Assert.Equal("galera", inventory.Str("lab"));
        Assert.Equal(_galera.Lab.Hosts.Select(h => h.Name), hosts.Keys());
        foreach (var host in _galera.Lab.Hosts)
        {
            var entry = hosts.Map(host.Name);
            Assert.Equal(host.Address, entry.Str("labAddress"));
            Assert.Equal("${adminUser}", entry.Str("user"));
            Assert.Equal("22", entry.Str("port"));
            if (host.Role == "client")
            {
                Assert.Equal("${client-public-ip.ipAddress}", entry.Str("address"));
                Assert.Null(entry.Find("jump"));
            }
            else
            {
                Assert.Equal(host.Address, entry.Str("address"));
                Assert.Equal("${adminUser}@${client-public-ip.ipAddress}:22", entry.Str("jump"));
            }
        }
        Assert.Equal("${client-public-ip.ipAddress}", _galera.Root.Map("outputs").Str("jumpHost"));
    }
}
