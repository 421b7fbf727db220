using Lab.Core.Model;

namespace Lab.Instances;

/// <summary>
/// The lab's private networks: one bridge per lab network inside a lab-private "switch" namespace, and one namespace
/// per host with an interface on each network it joins (eth0, eth1, ... in its `addresses` order). Nothing is created
/// in the root namespace except an `unreachable` route per lab subnet, so a connection to a lab address from outside
/// the lab fails at once instead of leaving the machine (the way in from this machine is 127.0.0.1: see <see cref="PortForwards"/>).
/// </summary>
public static class LabNetwork
{
    /// <summary>The switch and a namespace for each of <paramref name="hosts"/> (all of the lab's when null; VMs plug in their own NICs).</summary>
    /// <param name="guardRoutes">False when the caller guards the subnets itself (the payload proof, whose fixed subnet may
    /// already carry another instance's route).</param>
    public static async Task CreateAsync(string instance, LabDefinition lab, CancellationToken ct, IReadOnlyList<HostDefinition>? hosts = null,
        bool guardRoutes = true)
    {
        hosts ??= lab.Hosts;
        await CreateSwitchAsync(instance, lab, ct, guardRoutes);
        var sw = LocalLayout.SwitchNetns(instance);
        await AddNamespacesAsync(hosts.Select(h => LocalLayout.HostNetns(instance, h.Name)), ct);

        var switchCommands = new List<string>();
        foreach (var h in hosts)
            foreach (var nic in h.Nics)
            {
                var port = SwitchPort(lab, h, nic);
                switchCommands.Add($"link add {port} type veth peer name {nic.Device} netns {LocalLayout.HostNetns(instance, h.Name)}");
                switchCommands.Add($"link set {port} master {Bridge(lab, nic.Network)} up");
            }
        await Batch(sw, switchCommands, ct);

        await Task.WhenAll(hosts.Select(h => Batch(LocalLayout.HostNetns(instance, h.Name),
            h.Nics.SelectMany(nic => new[]
            {
                $"addr add {nic.Address}{lab.Network(nic.Network).Subnet.PrefixSuffix} dev {nic.Device}",
                $"link set {nic.Device} up",
            }).Append("link set lo up"), ct)));
    }

    /// <summary>
    /// The switch alone: its namespace, one bridge per lab network, and the guard routes. Hosts with a network stack of
    /// their own (VMs) plug into the bridges with tap devices instead of host namespaces.
    /// </summary>
    public static async Task CreateSwitchAsync(string instance, LabDefinition lab, CancellationToken ct, bool guardRoutes = true)
    {
        var sw = LocalLayout.SwitchNetns(instance);
        await AddNamespacesAsync([sw], ct);
        await Batch(sw, lab.AllNetworks.SelectMany((_, i) => new[] { $"link add br{i} type bridge", $"link set br{i} up" }).Append("link set lo up"), ct);
        // Rootless: no route can be added to the machine's namespace, and none is needed: nothing there routes into
        // a network namespace owned by the user's namespace.
        if (guardRoutes && !Rootless.RootlessMode.Active)
            foreach (var subnet in lab.Subnets) await GuardRoute.AddAsync(subnet, ct);
    }

    /// <summary>
    /// `ip netns add`. In rootless mode it runs in a throwaway network namespace of its own: `ip` returns to the one it
    /// started in after making each, and may not enter the machine's from a user namespace (it fails with "setns:
    /// Operation not permitted" after making the first).
    /// </summary>
    private static Task AddNamespacesAsync(IEnumerable<string> names, CancellationToken ct)
    {
        var input = string.Join("\n", names.Select(n => $"netns add {n}")) + "\n";
        return Rootless.RootlessMode.Active
            ? ProcessRunner.RequireAsync("unshare", ["--net", "--", "ip", "-batch", "-"], input, ct: ct)
            : ProcessRunner.RequireAsync("ip", ["-batch", "-"], input, ct: ct);
    }

    /// <summary>The bridge (in the switch namespace) of the named network: br0 for the first.</summary>
    public static string Bridge(LabDefinition lab, string network)
    {
        var index = lab.AllNetworks.ToList().FindIndex(n => n.Name == network);
        return index < 0 ? throw new ArgumentException($"lab {lab.Name} has no network '{network}'") : $"br{index}";
    }

    /// <summary>The switch side of a host's interface: the host's name for eth0 (as `ip link` in the switch shows it), h&lt;i&gt;n&lt;k&gt; for the others (names are at most 15 characters).</summary>
    private static string SwitchPort(LabDefinition lab, HostDefinition host, HostInterface nic) =>
        nic.Index == 0 ? host.Name : $"h{lab.Hosts.ToList().IndexOf(host)}n{nic.Index}";

    private static Task Batch(string? netns, IEnumerable<string> commands, CancellationToken ct)
    {
        var args = netns is null ? new[] { "-batch", "-" } : new[] { "-n", netns, "-batch", "-" };
        return ProcessRunner.RequireAsync("ip", args, string.Join("\n", commands) + "\n", ct: ct);
    }
}
