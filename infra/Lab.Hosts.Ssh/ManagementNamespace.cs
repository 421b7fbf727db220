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
    public static async Task<string> CreateAsync(string instance, LabDefinition lab, CancellationToken ct)
    {
        var address = AddressFor(lab);
        var ns = Netns(instance);
        await ProcessRunner.RequireAsync("ip", ["netns", "add", ns], ct: ct);
        await ProcessRunner.RequireAsync("ip", ["-n", LocalLayout.SwitchNetns(instance), "-batch", "-"],
            $"link add _ssh type veth peer name eth0 netns {ns}\nlink set _ssh master br0 up\n", ct: ct);
        await ProcessRunner.RequireAsync("ip", ["-n", ns, "-batch", "-"],
            $"addr add {address}{lab.Subnet.PrefixSuffix} dev eth0\nlink set eth0 up\nlink set lo up\n", ct: ct);
        return address;
    }

    /// <summary>The highest host address of the subnet that no lab host uses (.254 in a /24).</summary>
    public static string AddressFor(LabDefinition lab)
    {
        var used = lab.Hosts.Select(h => h.Address).ToHashSet();
        var broadcast = lab.Subnet.Network | ~lab.Subnet.Mask;
        for (var a = broadcast - 1; a > lab.Subnet.Network; a--)
            if (!used.Contains(Ipv4Subnet.Format(a))) return Ipv4Subnet.Format(a);
        throw new Lab.Core.Errors.LabException($"no free address in {lab.Subnet} for the tool's ssh namespace");
    }

    /// <summary>The namespace's name: under the instance's prefix, so `down` removes it with the rest.</summary>
    public static string Netns(string instance) => $"{LocalLayout.InstancePrefix(instance)}_ssh";

    public static string ProxyCommand(string instance) =>
        $"nsenter --net={LocalLayout.NetnsPath(Netns(instance))} socat - TCP:%h:%p,connect-timeout=5";
}
