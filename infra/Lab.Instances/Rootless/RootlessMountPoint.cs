namespace Lab.Instances.Rootless;

/// <summary>
/// A mount point the machine lacks (/var/log/haproxy), made inside the holder: its parent belongs to the machine's
/// root, so the nearest existing ancestor is shadowed first (see <see cref="ShadowedDirectory"/>) and the directory
/// lands in the holder's tmpfs, seen by the user's labs only.
/// </summary>
public static class RootlessMountPoint
{
    public static async Task CreateAsync(string dir, string stateRoot, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (UnauthorizedAccessException) when (RootlessMode.Active)
        {
            var parent = Path.GetDirectoryName(dir.TrimEnd('/'))!;
            while (!Directory.Exists(parent)) parent = Path.GetDirectoryName(parent)!;
            await ShadowedDirectory.ShadowAsync(parent, Path.Combine(stateRoot, ".machine"), ct);
            Directory.CreateDirectory(dir);
        }
    }
}
