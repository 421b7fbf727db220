using Lab.Core.Model;
using Lab.Instances;

namespace Lab.Export.Pulumi.Proof;

/// <summary>
/// The proof's `unreachable` route for the program's subnet. The program's addresses are fixed (10.10.10.0/24), and a
/// lab already up on the same subnet holds the plain route for it; this one has a metric of the instance's own, so it
/// exists beside that one, and each instance adds and removes only its own: nothing to the lab's addresses leaves the
/// machine while either lives.
/// </summary>
public static class ProofGuardRoute
{
    /// <summary>A metric from the instance name: two proofs side by side get different routes.</summary>
    public static int Metric(string instance)
    {
        var hash = 2166136261u; // FNV-1a: stable across runs, unlike string.GetHashCode
        foreach (var c in instance) hash = (hash ^ c) * 16777619u;
        return 100_000 + (int)(hash % 100_000);
    }

    public static Task AddAsync(Ipv4Subnet subnet, string instance, CancellationToken ct) =>
        ProcessRunner.RequireAsync("ip", ["route", "add", "unreachable", subnet.ToString(), "metric", Metric(instance).ToString()], ct: ct);

    /// <returns>True when the route was there and is removed.</returns>
    public static async Task<bool> RemoveAsync(Ipv4Subnet subnet, string instance, CancellationToken ct) =>
        (await ProcessRunner.RunAsync("ip", ["route", "del", "unreachable", subnet.ToString(), "metric", Metric(instance).ToString()], ct: ct)).Ok;
}
