namespace Lab.Instances;

/// <summary>
/// The directories on the machine that hosts' private directories are mounted over (/etc/corosync, /run/keepalived...)
/// and that the machine did not have: `up` creates them, `down` removes them again, so a lab leaves the machine as it
/// found it. Each instance lists the ones it relies on in its own state directory: those it created, and those
/// another instance created and still lists (the last instance to go removes them). A directory the machine already
/// had is never listed, so never removed. One lock makes "create and list" and "check and remove" atomic between
/// instances coming up and going down at the same time.
/// </summary>
public static class CreatedMountPoints
{
    /// <summary>Creates the missing directories among <paramref name="targets"/> (and their missing parents), listing them first.</summary>
    public static async Task EnsureAsync(LocalLayout layout, string instance, IEnumerable<string> targets, CancellationToken ct)
    {
        Directory.CreateDirectory(layout.StateRoot);
        using var _ = await FileLock.AcquireAsync(layout.MountPointsLockFile, "the mount points lock", ct);
        var others = ListedByOthers(layout, instance);
        var mine = Read(layout, instance);
        var needed = targets.Distinct(StringComparer.Ordinal)
            .SelectMany(SelfAndAncestors)
            .Where(d => !mine.Contains(d) && (!Directory.Exists(d) || others.Contains(d)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (needed.Count == 0) return;
        // Listed before they are made: an `up` killed in between leaves a name `down` can act on, never a stray directory.
        Directory.CreateDirectory(layout.InstanceDir(instance));
        File.AppendAllLines(layout.MountPointsFile(instance), needed);
        foreach (var dir in needed) await Rootless.RootlessMountPoint.CreateAsync(dir, layout.StateRoot, ct);
    }

    /// <summary>
    /// Removes the directories this instance listed that no other instance lists, deepest first, when they are empty
    /// (something a person put there since is theirs to keep). Returns how many were removed.
    /// </summary>
    public static async Task<int> ReleaseAsync(LocalLayout layout, string instance, CancellationToken ct)
    {
        if (!File.Exists(layout.MountPointsFile(instance))) return 0;
        using var _ = await FileLock.AcquireAsync(layout.MountPointsLockFile, "the mount points lock", ct);
        var others = ListedByOthers(layout, instance);
        var removed = 0;
        foreach (var dir in Read(layout, instance).Where(d => !others.Contains(d)).OrderByDescending(d => d.Count(c => c == '/')))
        {
            if (!Directory.Exists(dir) || Directory.EnumerateFileSystemEntries(dir).Any()) continue;
            try
            {
                Directory.Delete(dir);
                removed++;
            }
            catch (IOException) { } // filled or removed by someone else in the meantime: not ours to insist on
        }
        File.Delete(layout.MountPointsFile(instance));
        return removed;
    }

    private static HashSet<string> Read(LocalLayout layout, string instance)
    {
        var file = layout.MountPointsFile(instance);
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
    }

    private static HashSet<string> ListedByOthers(LocalLayout layout, string instance) =>
        Directory.Exists(layout.InstancesDir)
            ? Directory.GetDirectories(layout.InstancesDir).Select(Path.GetFileName).OfType<string>()
                .Where(other => other != instance)
                .SelectMany(other => Read(layout, other))
                .ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>/a/b/c, /a/b and /a: each may be missing on the machine and then made by CreateDirectory.</summary>
    private static IEnumerable<string> SelfAndAncestors(string path)
    {
        for (var dir = path.TrimEnd('/'); dir.Length > 1; dir = Path.GetDirectoryName(dir)!)
            yield return dir;
    }
}
