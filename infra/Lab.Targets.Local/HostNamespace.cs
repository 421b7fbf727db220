using Lab.Instances;
using Lab.Instances.Rootless;
namespace Lab.Targets.Local;

/// <summary>
/// Gives a host its own mount and hostname namespaces, kept alive by bind-mounting them to files (as `ip netns`
/// does for network namespaces), with the host's private directories bind-mounted over the real paths.
/// </summary>
public static class HostNamespace
{
    public static async Task EnsureNamespaceRootAsync(LocalLayout layout, CancellationToken ct)
    {
        Directory.CreateDirectory(layout.NamespaceRoot);
        // Namespace files can only be bind-mounted under a private mount, else the kernel refuses (or they leak
        // into other namespaces through propagation).
        if (!MountPoints.IsMountPoint(layout.NamespaceRoot))
        {
            await ProcessRunner.RequireAsync("mount", ["--bind", layout.NamespaceRoot, layout.NamespaceRoot], ct: ct);
            await ProcessRunner.RequireAsync("mount", ["--make-private", layout.NamespaceRoot], ct: ct);
        }
    }

    public static async Task CreateAsync(LocalLayout layout, string instance, string host, IReadOnlyList<string> mounts, CancellationToken ct)
    {
        var mnt = layout.MountNsFile(instance, host);
        var uts = layout.UtsNsFile(instance, host);
        File.WriteAllBytes(mnt, []);
        File.WriteAllBytes(uts, []);
        var script = new List<string> { $"hostname {host}" };
        // The mount points exist on the machine: CreatedMountPoints.EnsureAsync made the missing ones, and lists them for `down`.
        foreach (var target in mounts)
            script.Add($"mount --bind '{layout.HostPath(instance, host, target)}' '{target}'");
        using var _ = await NamespaceCreationLock.AcquireAsync(layout, ct);
        string[] args =
        [
            $"--net={LocalLayout.NetnsPath(LocalLayout.HostNetns(instance, host))}", "--",
            "unshare", $"--mount={mnt}", $"--uts={uts}", "--propagation", "private",
            "sh", "-ec", string.Join("\n", script),
        ];
        for (var attempt = 1; ; attempt++)
        {
            var result = await ProcessRunner.RunAsync("nsenter", args, ct: ct);
            if (result.Ok) return;
            if (!NamespaceCreationLock.IsRefusedBind(result, attempt))
                throw new Lab.Core.Hosts.HostCommandException("local", $"nsenter {string.Join(' ', args)}", result);
            // Nothing was made: the new namespaces went with the unshare that failed. Its files start again empty.
            foreach (var file in new[] { mnt, uts }) await ProcessRunner.RunAsync("umount", [file], ct: ct);
        }
    }
}
