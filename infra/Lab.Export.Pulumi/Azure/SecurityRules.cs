using Lab.Core.Model;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// The lab subnet's NSG: only rules that change what Azure's default rules already decide. Azure allows all traffic
/// inside the virtual network (AllowVnetInBound, 65000) and from its load balancer's probes
/// (AllowAzureLoadBalancerInBound, 65001), and denies everything else inbound (DenyAllInBound, 65500). So: SSH to the
/// jump host from the instructor's range, and an explicit deny of the database and cluster ports from the internet,
/// which keeps them closed even if someone later gives a database VM a public address and opens "any" to it.
/// Lab-internal rules (SSH from the jump host, Galera between nodes, HAProxy stats through an SSH tunnel) would only
/// repeat AllowVnetInBound, so there are none.
/// </summary>
public static class SecurityRules
{
    /// <summary>
    /// MariaDB / HAProxy frontend, SST (rsync / mariabackup), Galera replication and IST, Corosync (udpu: 5405, and 5404,
    /// the send port of older releases), DRBD (7788 and r0's 7789),
    /// HAProxy stats, clustercheck, the load balancer's health check (<see cref="VipLoadBalancer.ProbePort"/>).
    /// </summary>
    public static readonly int[] DatabasePorts = [3306, 4444, 4567, 4568, 5404, 5405, 7788, 7789, 9000, 9200, VipLoadBalancer.ProbePort];

    public const int SshPort = 22;

    public static YMap Build(LabDefinition lab, HostDefinition jump)
    {
        var rules = new List<YNode>
        {
            Rule("ssh-from-admin", 100, "Allow", "Tcp", PulumiText.Of(Names.AdminCidr), jump.Address + "/32", [SshPort],
                "SSH to the jump host, only from the instructor's range (adminCidr); every other host is reached through it"),
            Rule("database-ports-deny-internet", 4000, "Deny", "*", "Internet", "*", DatabasePorts,
                "No database, cluster or health-check port from the internet, whatever public address a VM may get later"),
        };
        return ResourceDecl.Create("azure-native:network:NetworkSecurityGroup", NetworkResources.InGroup()
            .Add("networkSecurityGroupName", $"{lab.Name}-nsg")
            .Add("securityRules", new YList(rules)));
    }

    private static YMap Rule(string name, int priority, string access, string protocol, string source, string destination, IReadOnlyList<int> ports, string why)
    {
        var rule = new YMap()
            .Add("name", name)
            .Add("description", why)
            .Add("priority", priority)
            .Add("direction", "Inbound")
            .Add("access", access)
            .Add("protocol", protocol)
            .Add("sourceAddressPrefix", source)
            .Add("sourcePortRange", "*")
            .Add("destinationAddressPrefix", destination);
        return ports.Count == 1
            ? rule.Add("destinationPortRange", ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture))
            : rule.Add("destinationPortRanges", new YList(ports.Select(p => (YNode)p.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()));
    }
}
