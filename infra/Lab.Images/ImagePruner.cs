namespace Lab.Images;

/// <summary>
/// Removes the older builds of an image once a new one is complete: each change of packages or build steps makes a
/// new image of 1-2 GB, and nothing else ever removes the old ones. An older build is kept while anything still uses
/// it: a running process naming it (QEMU's -kernel), a mount over it (a machine's overlay), or a VM overlay backed by
/// it (a powered-off VM of an instance that is still up, which boots from it again on power-on).
/// </summary>
internal static class ImagePruner
{
    public static void PruneOlderThan(string current, IEnumerable<string> stateRoots, Action<string> progress)
    {
        var parent = Path.GetDirectoryName(current)!;
        var name = Path.GetFileName(current);
        var family = name[..(name.LastIndexOf('-') + 1)]; // "debian-bookworm-" of "debian-bookworm-<key>"
        if (family.Length == 0) return;
        var users = Users(stateRoots.Distinct().ToList());
        foreach (var older in Directory.GetDirectories(parent, family + "*"))
        {
            var olderName = Path.GetFileName(older);
            if (olderName == name || olderName.Contains(".tmp", StringComparison.Ordinal)) continue; // another build at work
            if (users.FirstOrDefault(u => u.Text.Contains(older + "/", StringComparison.Ordinal) || u.Text.Contains(older + " ", StringComparison.Ordinal)) is { } user)
            {
                progress($"keeping the older image {olderName}: {user.Who} still uses it");
                continue;
            }
            try
            {
                Directory.Delete(older, recursive: true);
                File.Delete(older + ".lock");
                progress($"removed the older image {olderName} (nothing uses it any more)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                progress($"could not remove the older image {older}: {e.Message}");
            }
        }
    }

    private sealed record User(string Who, string Text);

    /// <summary>Everything that can name an image: process command lines, mounts, and the headers of VM overlays.</summary>
    private static List<User> Users(IReadOnlyList<string> stateRoots)
    {
        var users = new List<User>();
        foreach (var proc in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            if (TryRead(() => File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ')) is { Length: > 0 } cmdline)
                users.Add(new($"process {Path.GetFileName(proc)}", cmdline + " "));
        if (TryRead(() => File.ReadAllText("/proc/self/mountinfo")) is { } mounts)
            users.AddRange(mounts.Split('\n').Select(m => new User("a mount", m.Replace(',', ' ') + " ")));
        foreach (var stateRoot in stateRoots.Where(Directory.Exists))
            foreach (var overlay in Directory.EnumerateFiles(stateRoot, "*.qcow2", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true }))
                if (TryRead(() => Header(overlay)) is { } header) users.Add(new($"the VM overlay {overlay}", header + " "));
        return users;
    }

    /// <summary>A qcow2 overlay names its backing file in its first cluster.</summary>
    private static string Header(string file)
    {
        using var stream = File.OpenRead(file);
        var buffer = new byte[4096];
        var read = stream.Read(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read).Replace('\0', ' ');
    }

    private static string? TryRead(Func<string> read)
    {
        try { return read(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
