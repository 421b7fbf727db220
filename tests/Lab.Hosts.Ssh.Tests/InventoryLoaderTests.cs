using Lab.Core.Loading;
using Lab.Hosts.Ssh.Inventory;

namespace Lab.Hosts.Ssh.Tests;

public class InventoryLoaderTests
{
    [Fact]
    public void Reads_the_inventory_shape_the_azure_program_outputs()
    {
        // Given `pulumi stack output inventory --json`
        const string json = """
            {"lab": "galera", "hosts": {
              "db1": {"address": "10.10.10.101", "labAddress": "10.10.10.101", "role": "galera", "user": "labadmin", "port": 22, "jump": "labadmin@20.1.2.3:22"},
              "client": {"address": "20.1.2.3", "labAddress": "10.10.10.50", "role": "client", "user": "labadmin", "port": 22}}}
            """;
        // When it is parsed
        var inventory = InventoryLoader.Parse("/tmp/inv/inventory.json", json);
        // Then every field lands where the ssh target reads it
        Assert.Equal("galera", inventory.Lab);
        var db1 = inventory.Host("db1");
        Assert.Equal(("10.10.10.101", "labadmin", 22, "labadmin@20.1.2.3:22"), (db1.Address, db1.User, db1.Port, db1.Jump));
        Assert.False(db1.IsRoot);
        Assert.Equal("10.10.10.50", inventory.Host("client").EffectiveLabAddress);
        Assert.Null(inventory.Host("client").Jump);
    }

    [Fact]
    public void Accepts_the_whole_stack_output_with_the_inventory_under_its_key()
    {
        const string json = """{"jumpHost": "20.1.2.3", "inventory": {"lab": "galera", "hosts": {"db1": {"address": "10.0.0.4"}}}}""";
        var inventory = InventoryLoader.Parse("/tmp/out.json", json);
        Assert.Equal("10.0.0.4", inventory.Host("db1").Address);
        Assert.Equal(("root", 22), (inventory.Host("db1").User, inventory.Host("db1").Port));
    }

    [Fact]
    public void Resolves_keys_relative_to_the_inventory_and_home()
    {
        const string yaml = """
            knownHosts: known_hosts
            hosts:
              db1: { address: 10.0.0.4, key: keys/id_ed25519 }
              db2: { address: 10.0.0.5, key: ~/.ssh/id_lab }
            """;
        var inventory = InventoryLoader.Parse("/srv/lab/inventory.yaml", yaml);
        Assert.Equal("/srv/lab/keys/id_ed25519", inventory.Host("db1").Key);
        Assert.EndsWith("/.ssh/id_lab", inventory.Host("db2").Key);
        Assert.DoesNotContain("~", inventory.Host("db2").Key);
        Assert.Equal("/srv/lab/known_hosts", inventory.KnownHosts);
    }

    [Theory]
    [InlineData("hosts:\n  db1: { address: 10.0.0.4, prot: 22 }\n", 2, "prot")]
    [InlineData("hosts:\n  db1: { user: root }\n", 2, "missing 'address'")]
    [InlineData("hosts:\n  db1: { address: 10.0.0.4, port: 70000 }\n", 2, "not a TCP port")]
    [InlineData("hosts:\n  db1: { address: 10.0.0.4, port: ssh }\n", 2, "'port' must be a TCP port number")]
    [InlineData("lab: galera\n", 1, "missing 'hosts'")]
    public void Bad_input_names_the_file_and_line(string yaml, int line, string problem)
    {
        var e = Assert.Throws<LabFileException>(() => InventoryLoader.Parse("/x/inventory.yaml", yaml));
        Assert.Equal(("/x/inventory.yaml", line), (e.File, e.Line));
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void A_missing_file_says_where_to_get_one()
    {
        var e = Assert.Throws<LabFileException>(() => InventoryLoader.Load("/nonexistent/inventory.yaml"));
        Assert.Contains("pulumi stack output inventory", e.Message);
    }
}
