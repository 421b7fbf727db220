namespace Lab.Instances.Rootless;

/// <summary>
/// Whether this process is `lab` in rootless mode: uid 0 of a user namespace owned by an ordinary user (the per-user
/// holder, see <see cref="RootlessHolder"/>), not root of the machine. There the local target works unchanged inside
/// the user's own namespaces, and what only the machine's root may do (a route in the machine's network namespace,
/// other targets) is skipped or refused.
/// </summary>
public static class RootlessMode
{
    private static readonly Lazy<bool> InUserNamespace = new(() => !IsInitialUserNamespace());

    /// <summary>True inside the holder: uid 0, but of a user namespace that is not the machine's.</summary>
    public static bool Active => Native.IsRoot && InUserNamespace.Value;

    /// <summary>The machine's user namespace maps all 2^32-1 ids onto themselves ("0 0 4294967295").</summary>
    public static bool IsInitialUserNamespace()
    {
        var first = File.ReadLines("/proc/self/uid_map").FirstOrDefault()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return first is ["0", "0", "4294967295"];
    }
}
