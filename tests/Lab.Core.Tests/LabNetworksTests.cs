using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>Several networks per lab (`networks:`, `addresses:`), kernel needs and isolation, and how an instance moves them.</summary>
public sealed class LabNetworksTests : IDisposable
{
    private const string File = "labs/n/lab.yaml";

    // Line numbers matter: tests replace one line and expect the error on it.
    private const string Valid = """
        name: n
        networks:
          public:  { subnet: 10.20.223.0/24 }
          private: { subnet: 10.20.0.0/24 }
        vars:
          vip: 10.20.223.10
        roles:
          web:
            mounts: [/etc/mysql]
            files:
              - { template: t/a.hbs, path: /etc/mysql/a.cnf }
        hosts:
          - { name: director, role: web, kernel: [ip_vs], addresses: { public: 10.20.223.1, private: 10.20.0.1 } }
          - { name: rs1, role: web, isolation: vm, addresses: { private: 10.20.0.11, public: 10.20.223.11 } }
          - { name: client, role: web, address: 10.20.223.50 }
        """;

    private readonly TempDirectory _templates = new();

    public LabNetworksTests() => _templates.Write("t/a.hbs", "{{host.name}} {{host.address}} {{host.on.private}}\n");

    public void Dispose() => _templates.Dispose();

    private LabDefinition Parse(string yaml) => new LabLoader(_templates.Path).Parse(File, yaml);

    private static string WithLine(int line, string replacement)
    {
        var lines = Valid.Split('\n').ToList();
        lines[line - 1] = replacement;
        return string.Join('\n', lines);
    }

    private LabFileException Fails(string yaml, int line, params string[] texts)
    {
        var e = Assert.Throws<LabFileException>(() => Parse(yaml));
        Assert.True(e.Line == line, $"expected line {line}, got {e.Line}: {e.Message}");
        foreach (var text in texts) Assert.True(e.Message.Contains(text, StringComparison.Ordinal), $"message should contain \"{text}\", was: {e.Message}");
        return e;
    }

    [Fact]
    public void Given_two_networks_When_parsed_Then_each_host_has_an_interface_per_network_in_the_order_written()
    {
        var lab = Parse(Valid);

        Assert.Equal(["public=10.20.223.0/24", "private=10.20.0.0/24"], lab.AllNetworks.Select(n => $"{n.Name}={n.Subnet}"));
        Assert.Equal("10.20.223.0/24", lab.Subnet.ToString());
        Assert.Equal(["eth0=private/10.20.0.11", "eth1=public/10.20.223.11"], lab.Host("rs1").Nics.Select(n => $"{n.Device}={n.Network}/{n.Address}"));
        Assert.Equal("10.20.0.11", lab.Host("rs1").Address); // the first address is how the tool reaches it
        Assert.Equal(["eth0=public/10.20.223.50"], lab.Host("client").Nics.Select(n => $"{n.Device}={n.Network}/{n.Address}"));
        Assert.Equal(["ip_vs"], lab.Host("director").KernelFeatures);
        Assert.True(lab.Host("rs1").MustBeVm && !lab.Host("director").MustBeVm);
    }

    [Fact]
    public void Given_a_lab_with_one_network_Then_it_is_called_lan_and_hosts_have_one_interface()
    {
        var lab = new LabLoader(_templates.Path).Parse(File, """
            name: one
            network: { subnet: 10.9.9.0/24 }
            roles: { r: {} }
            hosts:
              - { name: a, role: r, address: 10.9.9.5 }
            """);

        Assert.Equal(["lan=10.9.9.0/24"], lab.AllNetworks.Select(n => $"{n.Name}={n.Subnet}"));
        Assert.Equal(["eth0=lan/10.9.9.5"], lab.Hosts[0].Nics.Select(n => $"{n.Device}={n.Network}/{n.Address}"));
    }

    [Fact]
    public void Given_an_address_on_an_unknown_network_Then_the_error_names_the_host_and_the_networks()
    {
        Fails(WithLine(14, "  - { name: rs1, role: web, addresses: { backend: 10.20.0.11 } }"), 14, "host 'rs1'", "unknown network 'backend'", "public, private");
    }

    [Fact]
    public void Given_an_address_outside_its_network_Then_the_error_names_the_network()
    {
        Fails(WithLine(14, "  - { name: rs1, role: web, addresses: { private: 10.20.223.11 } }"), 14, "not a host address in 10.20.0.0/24", "network 'private'");
    }

    [Fact]
    public void Given_both_network_and_networks_Then_it_is_refused()
    {
        Fails(WithLine(2, "network: { subnet: 10.1.1.0/24 }\nnetworks:"), 3, "either 'network' (one) or 'networks' (several)");
    }

    [Fact]
    public void Given_overlapping_networks_Then_the_error_names_both()
    {
        Fails(WithLine(4, "  private: { subnet: 10.20.223.0/24 }"), 4, "network 'private'", "overlaps network 'public'");
    }

    [Fact]
    public void Given_an_unknown_kernel_feature_Then_the_error_lists_the_known_ones()
    {
        Fails(WithLine(13, "  - { name: director, role: web, kernel: [zfs], address: 10.20.223.1 }"), 13, "unknown kernel feature 'zfs'", "ip_vs, ipip, drbd, netem");
    }

    [Fact]
    public void Given_an_isolation_other_than_vm_Then_it_is_refused()
    {
        Fails(WithLine(13, "  - { name: director, role: web, isolation: container, address: 10.20.223.1 }"), 13, "isolation 'container' must be 'vm'");
    }

    [Fact]
    public void Given_an_instance_moved_Then_every_network_every_address_and_the_vip_move_by_the_same_distance()
    {
        var moved = Parse(Valid).MovedTo(new Ipv4Subnet(0x0A14E000, 24)); // 10.20.224.0/24

        Assert.Equal(["public=10.20.224.0/24", "private=10.20.1.0/24"], moved.AllNetworks.Select(n => $"{n.Name}={n.Subnet}"));
        Assert.Equal(["10.20.1.11", "10.20.224.11"], moved.Host("rs1").Nics.Select(n => n.Address));
        Assert.Equal("10.20.1.11", moved.Host("rs1").Address);
        Assert.Equal("10.20.224.10", moved.Vars["vip"]);
    }

    [Fact]
    public void Given_placeholders_in_a_scenario_command_Then_they_are_filled_from_the_moved_lab()
    {
        var moved = Parse(Valid).MovedTo(new Ipv4Subnet(0x0A14E000, 24));

        Assert.Equal("ipvsadm -a -t 10.20.224.10:80 -r 10.20.1.11:80 -m via 10.20.1.1 on 10.20.224.0/24",
            ScenarioText.Expand("ipvsadm -a -t {{vars.vip}}:80 -r {{hosts.rs1.on.private}}:80 -m via {{ hosts.director.on.private }} on {{lab.networks.public}}", moved));
        Assert.Null(ScenarioText.Problem("curl http://{{vars.vip}}/", moved));
        Assert.Contains("'{{hosts.rs9.address}}' names nothing", ScenarioText.Problem("ping {{hosts.rs9.address}}", moved));
    }

    [Fact]
    public void Given_a_template_Then_host_on_network_gives_its_address_there()
    {
        var lab = Parse(Valid);
        var files = new Lab.Core.Rendering.TemplateRenderer(_templates.Path).RenderHost(lab, lab.Host("director"), Lab.Core.Secrets.LabSecrets.Generate());

        Assert.Equal("director 10.20.223.1 10.20.0.1\n", files.Single().Content);
    }
}
