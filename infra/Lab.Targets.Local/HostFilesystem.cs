using Lab.Instances;
using Lab.Core.Model;
using Lab.Core.Rendering;

namespace Lab.Targets.Local;

/// <summary>
/// The host's private directories: configuration directories (/etc/...) start as the distribution ships them, like on
/// a fresh VM; data, log and run directories start empty with the package's owner and mode. Then rendered files land.
/// </summary>
public static class HostFilesystem
{
    public static async Task PrepareAsync(LocalLayout layout, string instance, HostDefinition host, IReadOnlyList<RenderedFile> files, CancellationToken ct)
    {
        var script = new List<string>();
        foreach (var mount in host.Mounts)
        {
            var source = layout.HostPath(instance, host.Name, mount);
            script.Add($"mkdir -p '{source}'");
            script.Add($"if [ -d '{mount}' ]; then chown --reference='{mount}' '{source}'; chmod --reference='{mount}' '{source}'; fi");
            if (mount.StartsWith("/etc/", StringComparison.Ordinal))
                script.Add($"if [ -d '{mount}' ]; then cp -a '{mount}/.' '{source}/'; fi");
        }
        script.Add($"mkdir -p '{layout.ServiceDir(instance, host.Name)}'");
        await ProcessRunner.RequireAsync("sh", ["-ec", string.Join("\n", script)], ct: ct);

        foreach (var file in files)
            Write(layout.HostPath(instance, host.Name, file.Path), file.Content, file.Mode, file.Owner);
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
