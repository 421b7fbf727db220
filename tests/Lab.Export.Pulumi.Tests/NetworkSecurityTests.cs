using Lab.Export.Pulumi.Azure;
using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>The NSG never lets a database port be reached from outside the lab subnet; SSH only from the admin range.</summary>
public sealed class NetworkSecurityTests
{
    private readonly GaleraProgram _galera = new();

    private sealed record Rule(string Name, int Priority, string Access, string Source, IReadOnlyList<int> Ports);

    private IReadOnlyList<Rule> Rules()
    {
        var nsg = GaleraProgram.Properties(_galera.ResourcesOfType("azure-native:network:NetworkSecurityGroup").Single().Resource);
        return nsg.Seq("securityRules").Children.Cast<YamlMappingNode>().Select(r =>
        {
            Assert.Equal("Inbound", r.Str("direction"));
            Assert.Null(r.Find("sourceAddressPrefixes"));
            var ports = r.Find("destinationPortRange") is YamlScalarNode one ? [one.Value!]
                : r.Seq("destinationPortRanges").Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
            Assert.All(ports, p => Assert.Matches(@"^\d+$", p)); // no ranges or "*": each port is named
            return new Rule(r.Str("name"), int.Parse(r.Str("priority")), r.Str("access"), r.Str("sourceAddressPrefix"), ports.Select(int.Parse).ToList());
        }).ToList();
    }

    [Fact]
    public void Given_the_rules_When_a_rule_allows_a_database_port_Then_its_source_is_the_lab_subnet()
    {
        var subnet = _galera.Lab.Subnet.ToString();

        var allows = Rules().Where(r => r.Access == "Allow" && r.Ports.Intersect(SecurityRules.DatabasePorts).Any()).ToList();

        Assert.NotEmpty(allows);
        Assert.All(allows, r => Assert.True(r.Source == subnet, $"{r.Name} opens {string.Join(",", r.Ports)} to {r.Source}"));
        Assert.Equal([3306, 4444, 4567, 4568, 9200], SecurityRules.DatabasePorts.Order());
    }

    [Fact]
    public void Given_the_rules_When_read_Then_an_explicit_deny_from_anywhere_covers_every_database_port_after_the_allows()
    {
        var rules = Rules();
        var deny = rules.Single(r => r.Access == "Deny" && r.Source == "*" && SecurityRules.DatabasePorts.All(r.Ports.Contains));
        var lastAllow = rules.Where(r => r.Access == "Allow").Max(r => r.Priority);

        Assert.True(deny.Priority > lastAllow, $"the deny ({deny.Priority}) must come after every allow (last {lastAllow})");
    }

    [Fact]
    public void Given_the_rules_When_ssh_and_stats_are_allowed_Then_only_from_the_admin_range_or_inside_the_lab()
    {
        var subnet = _galera.Lab.Subnet.ToString();

        foreach (var rule in Rules().Where(r => r.Access == "Allow"))
            Assert.True(rule.Source == "${adminCidr}" || rule.Source == subnet, $"{rule.Name} allows from {rule.Source}");
        Assert.Contains(Rules(), r => r.Access == "Allow" && r.Source == "${adminCidr}" && r.Ports.SequenceEqual([22]));
        Assert.Contains(Rules(), r => r.Access == "Allow" && r.Source == "${adminCidr}" && r.Ports.SequenceEqual([9000]));
        Assert.DoesNotContain(Rules(), r => r.Access == "Allow" && r.Source == "${adminCidr}" && r.Ports.Intersect(SecurityRules.DatabasePorts).Any());
    }
}
