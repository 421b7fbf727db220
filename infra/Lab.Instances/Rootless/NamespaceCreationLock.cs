namespace Lab.Instances.Rootless;

/// <summary>
/// In rootless mode, hosts' mount namespaces are made one at a time. Inside a user namespace, `unshare --mount=FILE`
/// run side by side failed to bind the new namespace to its file with "Invalid argument" (13 of 30 in five-wide
/// batches here; none one at a time, none as root), so the local target's parallel host preparation takes this lock
/// around each. As root it is no lock at all.
/// </summary>
public static class NamespaceCreationLock
{
    public static async Task<IDisposable> AcquireAsync(LocalLayout layout, CancellationToken ct) =>
        RootlessMode.Active
            ? await FileLock.AcquireAsync(Path.Combine(layout.NamespaceRoot, ".create.lock"), "the rootless namespace creation lock", ct)
            : new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose() { }
    }
}
