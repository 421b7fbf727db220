using Lab.Core.Model;
using Lab.Core.Services;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// The lab subnet's NSG. SSH (and HAProxy's stats page) only from the instructor's range; the database ports
/// only from the lab subnet, and an explicit deny for them from anywhere else, so no later rule or default can
/// open them to the internet.
/// </summary>
public static class SecurityRules
{
    /// <summary>MariaDB / HAProxy frontend, SST (rsync / mariabackup), Galera replication, IST, clustercheck.</summary>
    public static readonly int[] DatabasePorts = [3306, 4444, 4567, 4568, 9200];

    public const int HaproxyStatsPort = 9000;

    public static YMap Build(LabDefinition lab)
    {
        var subnet = lab.Subnet.ToString();
        var adminCidr = PulumiText.Of(Names.AdminCidr);
        var rules = new List<YNode>
        {
            Rule("ssh-from-admin", 100, "Allow", adminCidr, "*", [22], "SSH to the jump host from the instructor's range"),
            Rule("ssh-inside-lab", 110, "Allow", subnet, subnet, [22], "SSH from the jump host to the other lab hosts"),
        };
        var haproxy = lab.HostsRunning(ServiceCatalog.HaProxy);
        if (haproxy.Count > 0)
            rules.Add(Rule("haproxy-stats-from-admin", 120, "Allow", adminCidr, haproxy.Select(h => h.Address + "/32").ToList(),
                [HaproxyStatsPort], "HAProxy stats page; reached through an SSH tunnel via the jump host (no public address)"));
        rules.Add(Rule("database-ports-inside-lab", 200, "Allow", subnet, subnet, DatabasePorts,
            "MariaDB, Galera replication/IST/SST and clustercheck between lab hosts only"));
        rules.Add(Rule("database-ports-deny-others", 4000, "Deny", "*", "*", DatabasePorts,
            "Nothing outside the lab subnet ever reaches a database port"));
        rules.Add(Rule("haproxy-stats-deny-internet", 4010, "Deny", "Internet", "*", [HaproxyStatsPort],
            "Stats page only from the instructor's range"));

        return ResourceDecl.Create("azure-native:network:NetworkSecurityGroup", NetworkResources.InGroup()
            .Add("networkSecurityGroupName", $"{lab.Name}-nsg")
            .Add("securityRules", new YList(rules)));
    }

    private static YMap Rule(string name, int priority, string access, string source, string destination, IReadOnlyList<int> ports, string why) =>
        Rule(name, priority, access, source, [destination], ports, why);

    private static YMap Rule(string name, int priority, string access, string source, IReadOnlyList<string> destinations,
        IReadOnlyList<int> ports, string why)
    {
        var rule = new YMap()
            .Add("name", name)
            .Add("description", why)
            .Add("priority", priority)
            .Add("direction", "Inbound")
            .Add("access", access)
            .Add("protocol", "Tcp")
            .Add("sourceAddressPrefix", source)
            .Add("sourcePortRange", "*");
        rule = destinations.Count == 1
            ? rule.Add("destinationAddressPrefix", destinations[0])
            : rule.Add("destinationAddressPrefixes", new YList(destinations.Select(d => (YNode)d).ToList()));
        return ports.Count == 1
            ? rule.Add("destinationPortRange", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture))
            : rule.Add("destinationPortRanges", new YList(ports.Select(p => (YNode)p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()));
    }
}
