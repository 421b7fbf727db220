using Lab.Core.Model;

namespace Lab.Instances;

/// <summary>
/// The lab's private network: one namespace per host, each with eth0 on a bridge that lives inside a lab-private
/// "switch" namespace. Nothing is created in the root namespace except an `unreachable` route for the subnet, so a
/// connection to a lab address from outside the lab fails at once instead of leaving the machine.
/// </summary>
public static class LabNetwork
{
    public static async Task CreateAsync(string instance, LabDefinition lab, CancellationToken ct)
    {
        await CreateSwitchAsync(instance, lab, ct);
        var sw = LocalLayout.SwitchNetns(instance);
        await Batch(null, lab.Hosts.Select(h => $"netns add {LocalLayout.HostNetns(instance, h.Name)}"), ct);

        var switchCommands = new List<string>();
        foreach (var h in lab.Hosts)
        {
            switchCommands.Add($"link add {h.Name} type veth peer name eth0 netns {LocalLayout.HostNetns(instance, h.Name)}");
            switchCommands.Add($"link set {h.Name} master br0 up");
        }
        await Batch(sw, switchCommands, ct);

        await Task.WhenAll(lab.Hosts.Select(h => Batch(LocalLayout.HostNetns(instance, h.Name),
        [
            $"addr add {h.Address}{lab.Subnet.PrefixSuffix} dev eth0",
            "link set eth0 up",
            "link set lo up",
        ], ct)));
    }

    /// <summary>
    /// The switch alone: its namespace, the bridge, and the guard route. Hosts with a network stack of their own (VMs)
    /// plug into the bridge with tap devices instead of host namespaces.
    /// </summary>
    public static async Task CreateSwitchAsync(string instance, LabDefinition lab, CancellationToken ct)
    {
        var sw = LocalLayout.SwitchNetns(instance);
        await Batch(null, [$"netns add {sw}"], ct);
        await Batch(sw, ["link add br0 type bridge", "link set br0 up", "link set lo up"], ct);
        await GuardRoute.AddAsync(lab.Subnet, ct);
    }

    private static Task Batch(string? netns, IEnumerable<string> commands, CancellationToken ct)
    {
        var args = netns is null ? new[] { "-batch", "-" } : new[] { "-n", netns, "-batch", "-" };
        return ProcessRunner.RequireAsync("ip", args, string.Join("\n", commands) + "\n", ct: ct);
    }
}
