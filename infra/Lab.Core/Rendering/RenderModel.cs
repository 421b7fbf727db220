using Lab.Core.Model;
using Lab.Core.Secrets;

namespace Lab.Core.Rendering;

/// <summary>
/// The variables a template sees: <c>lab</c> (name, subnet, networks), <c>host</c> (name, address, on.&lt;network&gt;, role, server_id), <c>hosts.&lt;name&gt;</c>, <c>roles.&lt;role&gt;</c> (a list),
/// <c>vars</c> (lab.yaml's free settings) and <c>secrets</c>. Plain dictionaries so strict mode can tell what is missing.
/// </summary>
public static class RenderModel
{
    public static Dictionary<string, object> For(LabDefinition lab, HostDefinition host, LabSecrets secrets)
    {
        var hosts = lab.Hosts.ToDictionary(h => h.Name, h => (object)HostVars(h));
        var roles = lab.Hosts.GroupBy(h => h.Role)
            .ToDictionary(g => g.Key, g => (object)g.Select(h => HostVars(h)).ToList());
        return new Dictionary<string, object>
        {
            ["lab"] = new Dictionary<string, object>
            {
                ["name"] = lab.Name,
                ["subnet"] = lab.Subnet.ToString(),
                // MariaDB account host patterns such as '10.10.10.%'
                ["account_host"] = AccountHostPattern(lab.Subnet),
                // Every network's subnet by name (a lab with one network calls it "lan").
                ["networks"] = lab.AllNetworks.ToDictionary(n => n.Name, n => (object)n.Subnet.ToString()),
            },
            ["host"] = HostVars(host),
            ["hosts"] = hosts,
            ["roles"] = roles,
            ["vars"] = lab.Vars.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
            ["secrets"] = secrets.Values.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
        };
    }

    private static Dictionary<string, object> HostVars(HostDefinition h) => new()
    {
        ["name"] = h.Name,
        ["address"] = h.Address,
        ["role"] = h.Role,
        // Its address on each network it joins, by network name: {{host.on.private}}.
        ["on"] = h.Nics.ToDictionary(n => n.Network, n => (object)n.Address),
        // A unique MariaDB server-id per host: the address's last byte (unique in a /24, kept when an instance moves).
        ["server_id"] = h.Address[(h.Address.LastIndexOf('.') + 1)..],
    };

    public static string AccountHostPattern(Ipv4Subnet subnet)
    {
        var text = Ipv4Subnet.Format(subnet.Network);
        return text[..text.LastIndexOf('.')] + ".%";
    }
}
