namespace Lab.Instances.Rootless;

/// <summary>
/// In rootless mode, hosts' mount namespaces are made one at a time, and a refused bind is tried again. Inside a user
/// namespace, `unshare --mount=FILE` failed to bind the new namespace to its file with "Invalid argument": 13 of 30
/// in five-wide batches here, none of 30 one at a time, none as root; yet a first `up` of a new user still met it
/// once one at a time (the kernel's reason was not pinned down: its namespace-loop check compares namespace ids). So
/// the local target takes this lock around each, and makes a refused one again. As root it is no lock at all.
/// </summary>
public static class NamespaceCreationLock
{
    public static async Task<IDisposable> AcquireAsync(LocalLayout layout, CancellationToken ct) =>
        RootlessMode.Active
            ? await FileLock.AcquireAsync(Path.Combine(layout.NamespaceRoot, ".create.lock"), "the rootless namespace creation lock", ct)
            : new Nothing();

    /// <summary>The bind of a new mount namespace refused as above, in rootless mode, and attempts left (each costs a few ms).</summary>
    public static bool IsRefusedBind(Lab.Core.Hosts.CommandResult result, int attempt) =>
        RootlessMode.Active && attempt < 20 && result.Stderr.Contains("/ns/mnt on ", StringComparison.Ordinal)
        && result.Stderr.Contains("Invalid argument", StringComparison.Ordinal);

    private sealed class Nothing : IDisposable
    {
        public void Dispose() { }
    }
}
