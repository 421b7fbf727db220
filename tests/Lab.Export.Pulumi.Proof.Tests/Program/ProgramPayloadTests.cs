using Lab.Conformance;
using Lab.Export.Pulumi.Proof.Program;

namespace Lab.Export.Pulumi.Proof.Tests.Program;

/// <summary>The committed galera program read as the proof runs it: its VMs' user-data and addresses, its commands in order.</summary>
public sealed class ProgramPayloadTests
{
    private static readonly ProgramPayload Galera =
        ProgramPayload.From(PulumiYamlProgram.Load(Path.Combine(RepoRoot.Path, "labs", "galera", "Pulumi.yaml")));

    [Fact]
    public void Given_the_galera_program_Then_each_VM_has_its_address_and_cloud_config_and_the_jump_host_is_the_client()
    {
        Assert.Equal(["db1 10.10.10.101", "db2 10.10.10.102", "db3 10.10.10.103", "haproxy 10.10.10.41", "client 10.10.10.50"],
            Galera.Vms.Select(v => $"{v.ComputerName} {v.PrivateAddress}"));
        Assert.All(Galera.Vms, v => Assert.StartsWith("#cloud-config\n", v.UserData));
        Assert.Equal("10.10.10.50", Galera.PublicIps["client-public-ip"]);
        Assert.Equal("labadmin", Galera.Program.ConfigDefaults["adminUser"]);
    }

    [Fact]
    public void Given_the_galera_commands_When_ordered_Then_every_command_comes_after_what_it_depends_on()
    {
        var order = CommandOrder.Of(Galera.Commands).Select(c => c.Name).ToList();

        Assert.Equal(Galera.Commands.Count, order.Count);
        var byName = Galera.Commands.ToDictionary(c => c.Name);
        foreach (var c in Galera.Commands)
            foreach (var d in CommandOrder.CommandDependencies(c, byName))
                Assert.True(order.IndexOf(d) < order.IndexOf(c.Name), $"{c.Name} runs before {d}, which it depends on");
        Assert.True(order.IndexOf("db1-new-cluster") < order.IndexOf("db2-join"));
        Assert.True(order.IndexOf("db2-join") < order.IndexOf("db3-join"));
        Assert.Equal("client-query", order[^1]);
        Assert.Equal("10.10.10.101", byName["db1-new-cluster"].Host);
        Assert.Equal("${client-public-ip.ipAddress}", byName["db1-new-cluster"].ProxyHost);
    }

    [Fact]
    public void Given_a_command_reading_another_commands_output_When_ordered_Then_the_implicit_reference_orders_them()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """
                name: p
                runtime: yaml
                resources:
                  b:
                    type: command:remote:Command
                    properties:
                      connection: { host: 10.0.0.1, user: u }
                      create: echo ${a.stdout}
                  a:
                    type: command:remote:Command
                    properties:
                      connection: { host: 10.0.0.1, user: u }
                      create: "true"
                """);
            var payload = ProgramPayload.From(PulumiYamlProgram.Load(file));

            Assert.Equal(["a", "b"], CommandOrder.Of(payload.Commands).Select(s => s.Name));
        }
        finally { File.Delete(file); }
    }
}
