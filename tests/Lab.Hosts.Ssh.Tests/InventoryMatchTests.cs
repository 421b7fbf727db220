using Lab.Core.Model;
using Lab.Hosts.Ssh.Inventory;

namespace Lab.Hosts.Ssh.Tests;

public class InventoryMatchTests
{
    private static readonly LabDefinition Lab = new("galera", LocalizedText.Empty,
        Ipv4Subnet.TryParse("10.10.10.0/24", out var s) ? s : default, new Dictionary<string, string>(),
        [Host("db1", "10.10.10.101"), Host("client", "10.10.10.50")], "/labs/galera/lab.yaml");

    private static HostDefinition Host(string name, string address) => new(name, address, "r", [], [], []);

    private static SshInventory Inventory(params (string Name, string Address, string? LabAddress)[] hosts) =>
        new("galera", hosts.ToDictionary(h => h.Name, h => new InventoryHost(h.Name, h.Address, h.LabAddress, "root", 22, null, null, null)), null, "/inv.yaml");

    [Fact]
    public void The_subnet_comes_from_the_hosts_lab_addresses()
    {
        var subnet = InventoryMatch.SubnetFor(Lab, Inventory(("db1", "10.10.20.101", null), ("client", "20.1.2.3", "10.10.20.50")));
        Assert.Equal("10.10.20.0/24", subnet.ToString());
    }

    [Fact]
    public void A_host_missing_from_the_inventory_is_named()
    {
        var e = Assert.Throws<Lab.Core.Errors.LabInputException>(() => InventoryMatch.SubnetFor(Lab, Inventory(("db1", "10.10.10.101", null))));
        Assert.Contains("no entry for client", e.Message);
    }

    [Fact]
    public void A_host_at_the_wrong_lab_address_is_named_with_the_expected_one()
    {
        var e = Assert.Throws<Lab.Core.Errors.LabInputException>(() => InventoryMatch.SubnetFor(Lab, Inventory(("db1", "10.10.10.101", null), ("client", "10.10.10.77", null))));
        Assert.Contains("client is at 10.10.10.77", e.Message);
        Assert.Contains("10.10.10.50", e.Message);
    }
}
