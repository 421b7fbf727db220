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

    /// <summary>Removes the route when the record says this instance owns it; true when one was removed.</summary>
    public static async Task<bool> RemoveOwnedAsync(InstanceRecord? record, CancellationToken ct) =>
        record is { GuardRoute: true } && (await ProcessRunner.RunAsync("ip", ["route", "del", "unreachable", record.Subnet], ct: ct)).Ok;

    /// <summary>True when the root namespace holds an `unreachable` route for exactly this subnet.</summary>
    public static async Task<bool> ExistsAsync(string subnet, CancellationToken ct) =>
        (await ProcessRunner.RunAsync("ip", ["route", "show", "type", "unreachable", subnet], ct: ct)).Stdout.Contains("unreachable", StringComparison.Ordinal);
}
