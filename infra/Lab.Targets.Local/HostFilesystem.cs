using Lab.Instances;
using Lab.Instances.Rootless;
using Lab.Core.Model;
using Lab.Core.Rendering;

namespace Lab.Targets.Local;

/// <summary>
/// The host's private directories: configuration directories (/etc/...) start as the distribution ships them, like on
/// a fresh VM; data, log and run directories start empty with the package's owner and mode. Then rendered files land.
/// </summary>
public static class HostFilesystem
{
    /// <returns>The machine's files left out of the host's copies: in rootless mode, those only the machine's root may read.</returns>
    public static async Task<IReadOnlyList<string>> PrepareAsync(LocalLayout layout, string instance, HostDefinition host, IReadOnlyList<RenderedFile> files, CancellationToken ct)
    {
        var script = new List<string>();
        var rootless = RootlessMode.Active;
        var unreadable = Path.Combine(layout.HostDir(instance, host.Name), "left-out");
        foreach (var mount in host.Mounts)
        {
            var source = layout.HostPath(instance, host.Name, mount);
            script.Add($"mkdir -p '{source}'");
            // In rootless mode the machine's owners show as "nobody": the command outside handed the real ones in.
            var owner = rootless ? MachineOwners.Of(mount) is { } o ? $"chown {o.Uid}:{o.Gid} '{source}'" : "true" : $"chown --reference='{mount}' '{source}'";
            script.Add($"if [ -d '{mount}' ]; then {owner}; chmod --reference='{mount}' '{source}'; fi");
            if (!mount.StartsWith("/etc/", StringComparison.Ordinal)) continue;
            script.Add(rootless
                // Files of the machine's root stay root's in the copy; those only it may read (debian.cnf) are left out, and listed.
                // (find says "Permission denied" for an unreadable directory it lists, and fails: the list is what counts.)
                ? $"if [ -d '{mount}' ]; then (cd '{mount}' && find . ! -readable -printf '%P\\n' 2>/dev/null || true) > '{source}.left-out'; " +
                  $"sed 's|^|{mount}/|' '{source}.left-out' >> '{unreadable}'; " +
                  $"tar -C '{mount}' -X '{source}.left-out' --owner=0 --group=0 -cf - . | tar -C '{source}' -xf -; rm '{source}.left-out'; fi"
                : $"if [ -d '{mount}' ]; then cp -a '{mount}/.' '{source}/'; fi");
        }
        script.Add($"mkdir -p '{layout.ServiceDir(instance, host.Name)}'");
        await ProcessRunner.RequireAsync("sh", ["-ec", string.Join("\n", script)], ct: ct);

        foreach (var file in files)
            Write(layout.HostPath(instance, host.Name, file.Path), file.Content, file.Mode, file.Owner);
        return File.Exists(unreadable) ? File.ReadAllLines(unreadable).Where(l => l.Length > 0).ToList() : [];
    }

    public static void Write(string path, string content, string mode, string owner)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Delete(path);
        using (File.Create(path)) { }
        File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8));
        File.WriteAllText(path, content);
        var (uid, gid) = UnixUsers.LookupOwner(owner);
        Native.Chown(path, uid, gid);
    }
}
