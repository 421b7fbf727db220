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

    /// <summary>
    /// A guard of the instance's own, beside any other for the same subnet: the payload proof of an Azure program keeps
    /// the program's fixed subnet (10.10.10.0/24), which a lab already up may hold the plain route for. Its metric comes
    /// from the instance name, so the route is unmistakably this instance's and `down` removes it whatever the record says.
    /// </summary>
    public static Task AddForInstanceAsync(Ipv4Subnet subnet, string instance, CancellationToken ct) =>
        ProcessRunner.RequireAsync("ip", ["route", "add", "unreachable", subnet.ToString(), "metric", MetricOf(instance).ToString()], ct: ct);

    /// <summary>FNV-1a of the name (stable across runs, unlike string.GetHashCode), above the metrics routes usually carry.</summary>
    public static int MetricOf(string instance)
    {
        var hash = 2166136261u;
        foreach (var c in instance) hash = (hash ^ c) * 16777619u;
        return 100_000 + (int)(hash % 100_000);
    }

    /// <summary>
    /// Removes the routes (one per lab network) when the record says this instance owns them, and any route of the
    /// instance's own metric (<see cref="AddForInstanceAsync"/>).
    /// </summary>
    /// <returns>The subnets whose route was removed.</returns>
    public static async Task<IReadOnlyList<string>> RemoveOwnedAsync(InstanceRecord? record, CancellationToken ct)
    {
        if (record is null) return [];
        var removed = new List<string>();
        foreach (var subnet in record.AllSubnets)
        {
            if ((await ProcessRunner.RunAsync("ip", ["route", "del", "unreachable", subnet, "metric", MetricOf(record.Name).ToString()], ct: ct)).Ok)
                removed.Add($"{subnet} (metric {MetricOf(record.Name)})");
            if (record.GuardRoute && (await ProcessRunner.RunAsync("ip", ["route", "del", "unreachable", subnet], ct: ct)).Ok) removed.Add(subnet);
        }
        return removed;
    }

    /// <summary>True when the root namespace holds an `unreachable` route for exactly this subnet.</summary>
    public static async Task<bool> ExistsAsync(string subnet, CancellationToken ct) =>
        (await ProcessRunner.RunAsync("ip", ["route", "show", "type", "unreachable", subnet], ct: ct)).Stdout.Contains("unreachable", StringComparison.Ordinal);
}
