using Lab.Core.Model;
using Lab.Core.Secrets;

namespace Lab.Core.Rendering;

/// <summary>
/// The variables a template sees: <c>lab</c> (name, subnet, networks), <c>host</c> (name, address, on.&lt;network&gt;, role, server_id), <c>hosts.&lt;name&gt;</c>, <c>roles.&lt;role&gt;</c> (a list),
/// <c>vars</c> (lab.yaml's free settings) and <c>secrets</c>. Plain dictionaries so strict mode can tell what is missing.
/// A host with a data disk (`vm: { disk: ... }`) also has <c>data_disk</c>, the device the target attaches it as.
/// </summary>
public static class RenderModel
{
    /// <param name="dataDisk">The device name a host's data disk has on the target that renders (<see cref="DataDiskDevice"/>).</param>
    public static Dictionary<string, object> For(LabDefinition lab, HostDefinition host, LabSecrets secrets, string dataDisk = DataDiskDevice.Virtio)
    {
        var hosts = lab.Hosts.ToDictionary(h => h.Name, h => (object)HostVars(h, dataDisk));
        var roles = lab.Hosts.GroupBy(h => h.Role)
            .ToDictionary(g => g.Key, g => (object)g.Select(h => HostVars(h, dataDisk)).ToList());
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
            ["host"] = HostVars(host, dataDisk),
            ["hosts"] = hosts,
            ["roles"] = roles,
            ["vars"] = lab.Vars.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
            ["secrets"] = secrets.Values.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
        };
    }

    private static Dictionary<string, object> HostVars(HostDefinition h, string dataDisk)
    {
        var vars = new Dictionary<string, object>
        {
            ["name"] = h.Name,
            ["address"] = h.Address,
            ["role"] = h.Role,
            // Its address on each network it joins, by network name: {{host.on.private}}.
            ["on"] = h.Nics.ToDictionary(n => n.Network, n => (object)n.Address),
            // A unique MariaDB server-id per host: the address's last byte (unique in a /24, kept when an instance moves).
            ["server_id"] = h.Address[(h.Address.LastIndexOf('.') + 1)..],
        };
        // Only a host that has a data disk: a template asking another host for one is an error, not an empty string.
        if (h.Vm?.DataDiskMb is not null) vars["data_disk"] = dataDisk;
        return vars;
    }

    public static string AccountHostPattern(Ipv4Subnet subnet)
    {
        var text = Ipv4Subnet.Format(subnet.Network);
        return text[..text.LastIndexOf('.')] + ".%";
    }
}
