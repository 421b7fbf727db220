using System.Net;
using Lab.Export.Pulumi.Azure;
using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>
/// The NSG, evaluated the way Azure does (lowest priority number first, the first match decides, Azure's default
/// inbound rules after the program's): no database or cluster port is reachable from the internet, SSH only from
/// the admin range to the jump host, the lab's own traffic and the load balancer's probes pass.
/// </summary>
public sealed class NetworkSecurityTests
{
    private readonly GaleraProgram _galera = new();

    private const string AdminAddress = "203.0.113.7";
    private const string StrangerAddress = "198.51.100.9";
    private const string AzureLoadBalancer = "168.63.129.16";

    private sealed record Rule(string Name, int Priority, string Access, string Protocol, string Source, string Destination, IReadOnlyList<int> Ports);

    private IReadOnlyList<Rule> ProgramRules()
    {
        var nsg = GaleraProgram.Properties(_galera.ResourcesOfType("azure-native:network:NetworkSecurityGroup").Single().Resource);
        return nsg.Seq("securityRules").Children.Cast<YamlMappingNode>().Select(r =>
        {
            Assert.Equal("Inbound", r.Str("direction"));
            Assert.Null(r.Find("sourceAddressPrefixes"));
            Assert.Null(r.Find("destinationAddressPrefixes"));
            var ports = r.Find("destinationPortRange") is YamlScalarNode one ? [one.Value!]
                : r.Seq("destinationPortRanges").Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
            Assert.All(ports, p => Assert.Matches(@"^\d+$", p)); // no ranges or "*": each port is named
            return new Rule(r.Str("name"), int.Parse(r.Str("priority")), r.Str("access"), r.Str("protocol"), r.Str("sourceAddressPrefix"),
                r.Str("destinationAddressPrefix"), ports.Select(int.Parse).ToList());
        }).ToList();
    }

    /// <summary>Azure's default inbound rules, which every NSG has after its own.</summary>
    private static readonly Rule[] AzureDefaults =
    [
        new("AllowVnetInBound", 65000, "Allow", "*", "VirtualNetwork", "VirtualNetwork", []),
        new("AllowAzureLoadBalancerInBound", 65001, "Allow", "*", "AzureLoadBalancer", "*", []),
        new("DenyAllInBound", 65500, "Deny", "*", "*", "*", []),
    ];

    /// <summary>The deciding rule for a TCP connection from <paramref name="source"/> to <paramref name="destination"/>:<paramref name="port"/>.</summary>
    private Rule Decide(string source, string destination, int port) =>
        ProgramRules().Concat(AzureDefaults).OrderBy(r => r.Priority)
            .First(r => r.Protocol is "Tcp" or "*" && (r.Ports.Count == 0 || r.Ports.Contains(port))
                        && Matches(r.Source, source) && Matches(r.Destination, destination));

    private bool Matches(string prefix, string address)
    {
        var inLab = Lab.Core.Model.Ipv4Subnet.TryParseAddress(address, out var a) && _galera.Lab.Subnet.Contains(a);
        return prefix switch
        {
            "*" => true,
            "${adminCidr}" => address == AdminAddress,
            "VirtualNetwork" => inLab,
            "AzureLoadBalancer" => address == AzureLoadBalancer,
            "Internet" => !inLab && address != AzureLoadBalancer,
            _ when prefix.EndsWith("/32", StringComparison.Ordinal) => prefix[..^3] == address,
            _ => _galera.Lab.Subnet.ToString() == prefix ? inLab : throw new Xunit.Sdk.XunitException($"prefix {prefix} is not understood by this test"),
        };
    }

    [Fact]
    public void Given_an_address_on_the_internet_even_the_admin_range_When_it_asks_for_any_database_or_cluster_port_on_any_host_Then_it_is_denied()
    {
        foreach (var source in new[] { StrangerAddress, AdminAddress })
            foreach (var host in _galera.Lab.Hosts)
                foreach (var port in SecurityRules.DatabasePorts)
                    Assert.Equal("Deny", Decide(source, host.Address, port).Access);
        Assert.Contains(ProgramRules(), r => r.Access == "Deny" && r.Source == "Internet" && SecurityRules.DatabasePorts.All(r.Ports.Contains));
    }

    [Fact]
    public void Given_ssh_When_asked_from_outside_Then_only_the_admin_range_reaches_only_the_jump_host()
    {
        var jump = _galera.Lab.Hosts.Single(h => h.Role == AzureProgramGenerator.JumpRole);

        Assert.Equal("Allow", Decide(AdminAddress, jump.Address, 22).Access);
        Assert.Equal("Deny", Decide(StrangerAddress, jump.Address, 22).Access);
        foreach (var host in _galera.Lab.Hosts.Where(h => h != jump))
            Assert.Equal("Deny", Decide(AdminAddress, host.Address, 22).Access);
    }

    [Fact]
    public void Given_the_labs_own_traffic_and_the_load_balancer_probe_When_evaluated_Then_they_pass()
    {
        var db1 = _galera.Lab.Host("db1").Address;
        foreach (var port in SecurityRules.DatabasePorts.Append(22))
            Assert.Equal("Allow", Decide(_galera.Lab.Host("db2").Address, db1, port).Access);
        Assert.Equal("Allow", Decide(AzureLoadBalancer, db1, 9200).Access);
    }

    [Fact]
    public void Given_each_program_rule_When_connections_are_evaluated_Then_it_is_the_deciding_rule_for_some_so_none_does_nothing()
    {
        var rules = ProgramRules();
        Assert.Equal(2, rules.Count);
        var jump = _galera.Lab.Hosts.Single(h => h.Role == AzureProgramGenerator.JumpRole);
        Assert.Equal("ssh-from-admin", Decide(AdminAddress, jump.Address, 22).Name);
        // the internet deny is what decides for the database ports (defence in depth: it would win over a later
        // allow-any rule, priority > 4000, that someone adds for a VM with a public address).
        Assert.Equal("database-ports-deny-internet", Decide(StrangerAddress, jump.Address, 3306).Name);
    }
}
