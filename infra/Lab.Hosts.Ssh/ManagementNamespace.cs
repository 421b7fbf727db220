using Lab.Core.Model;
using Lab.Instances;

namespace Lab.Hosts.Ssh;

/// <summary>
/// A namespace of the lab's own, plugged into its bridge with one address, from which the tool's ssh connections
/// start (ProxyCommand nsenter ... socat). The root namespace keeps no route into the lab, and cutting off a lab host
/// (which may be the client) never cuts the tool off from the others.
/// </summary>
public static class ManagementNamespace
{
    /// <returns>Its address on the first network (the one every host's first address is on, or reachable from).</returns>
    public static async Task<string> CreateAsync(string instance, LabDefinition lab, CancellationToken ct)
    {
        var ns = Netns(instance);
        await ProcessRunner.RequireAsync("ip", ["netns", "add", ns], ct: ct);
        // One leg per lab network: a host whose first address is on the private side (LVS-NAT's real servers) is
        // reached there, without a route through another lab host.
        var networks = lab.AllNetworks;
        await ProcessRunner.RequireAsync("ip", ["-n", LocalLayout.SwitchNetns(instance), "-batch", "-"], string.Concat(networks.Select((n, i) =>
            $"link add _ssh{i} type veth peer name eth{i} netns {ns}\nlink set _ssh{i} master {LabNetwork.Bridge(lab, n.Name)} up\n")), ct: ct);
        await ProcessRunner.RequireAsync("ip", ["-n", ns, "-batch", "-"], string.Concat(networks.Select((n, i) =>
            $"addr add {AddressFor(lab, n.Subnet)}{n.Subnet.PrefixSuffix} dev eth{i}\nlink set eth{i} up\n")) + "link set lo up\n", ct: ct);
        return AddressFor(lab, lab.Subnet);
    }

    /// <summary>The highest host address of the first subnet that no lab host uses (.254 in a /24).</summary>
    public static string AddressFor(LabDefinition lab) => AddressFor(lab, lab.Subnet);

    /// <summary>The highest host address of <paramref name="subnet"/> that no lab host (nor a var such as a VIP) uses.</summary>
    public static string AddressFor(LabDefinition lab, Ipv4Subnet subnet)
    {
        var used = lab.Hosts.SelectMany(h => h.Nics.Select(n => n.Address)).Concat(lab.Vars.Values).ToHashSet();
        var broadcast = subnet.Network | ~subnet.Mask;
        for (var a = broadcast - 1; a > subnet.Network; a--)
            if (!used.Contains(Ipv4Subnet.Format(a))) return Ipv4Subnet.Format(a);
        throw new Lab.Core.Errors.LabException($"no free address in {subnet} for the tool's ssh namespace");
    }

    /// <summary>The namespace's name: under the instance's prefix, so `down` removes it with the rest.</summary>
    public static string Netns(string instance) => $"{LocalLayout.InstancePrefix(instance)}_ssh";

    public static string ProxyCommand(string instance) =>
        $"nsenter --net={LocalLayout.NetnsPath(Netns(instance))} socat - TCP:%h:%p,connect-timeout=5";
}
