using Lab.Core.Model;

namespace Lab.Instances;

/// <summary>
/// The root namespace's `unreachable` route for a lab subnet whose network lives on this machine: a connection to a
/// lab address from outside the lab fails at once ("Network is unreachable") instead of following the default route
/// off the machine. Added and removed only by the instance whose record says it owns it.
/// </summary>
public static class GuardRoute
{
    public static Task AddAsync(Ipv4Subnet subnet, CancellationToken ct) =>
        ProcessRunner.RequireAsync("ip", ["route", "add", "unreachable", subnet.ToString()], ct: ct);

    /// <summary>Removes the routes (one per lab network) when the record says this instance owns them.</summary>
    /// <returns>The subnets whose route was removed.</returns>
    public static async Task<IReadOnlyList<string>> RemoveOwnedAsync(InstanceRecord? record, CancellationToken ct)
    {
        if (record is not { GuardRoute: true }) return [];
        var removed = new List<string>();
        foreach (var subnet in record.AllSubnets)
            if ((await ProcessRunner.RunAsync("ip", ["route", "del", "unreachable", subnet], ct: ct)).Ok) removed.Add(subnet);
        return removed;
    }

    /// <summary>True when the root namespace holds an `unreachable` route for exactly this subnet.</summary>
    public static async Task<bool> ExistsAsync(string subnet, CancellationToken ct) =>
        (await ProcessRunner.RunAsync("ip", ["route", "show", "type", "unreachable", subnet], ct: ct)).Stdout.Contains("unreachable", StringComparison.Ordinal);
}
