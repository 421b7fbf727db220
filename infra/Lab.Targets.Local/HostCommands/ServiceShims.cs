using Lab.Core.Model;
using Lab.Instances;

namespace Lab.Targets.Local.HostCommands;

/// <summary>
/// systemd's commands for a namespace host, which has no systemd: `systemctl`, `service`, `journalctl` and
/// `galera_new_cluster` as small scripts that hand their arguments to `lab host-service`, so the tool's own
/// supervisor (the one `lab start/stop` drives) does the work. They live in the host's private directory and are
/// mounted over <see cref="MountPoint"/> in the host's mount namespace only; the machine never sees them.
/// </summary>
public static class ServiceShims
{
    /// <summary>First on root's PATH on Debian, and empty on a fresh system (its own tools live in /usr/bin and /usr/sbin).</summary>
    public const string MountPoint = "/usr/local/sbin";

    public static readonly IReadOnlyList<string> Programs = ["systemctl", "service", "journalctl", "galera_new_cluster"];

    /// <summary>The host's mounts with the shims' directory added.</summary>
    public static IReadOnlyList<string> WithShims(IReadOnlyList<string> mounts) =>
        mounts.Contains(MountPoint) ? mounts : [.. mounts, MountPoint];

    public static void Write(LocalLayout layout, string instance, HostDefinition host, LabTool? tool)
    {
        var dir = layout.HostPath(instance, host.Name, MountPoint);
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, (UnixFileMode)Convert.ToInt32("755", 8));
        foreach (var program in Programs)
        {
            // Owned by whoever runs the tool (root), like everything else in the host's private directories.
            var path = Path.Combine(dir, program);
            File.WriteAllText(path, Script(layout, instance, host, tool, program));
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    internal static string Script(LocalLayout layout, string instance, HostDefinition host, LabTool? tool, string program)
    {
        var header = $"""
            #!/bin/sh
            # {program} on lab host {host.Name} (instance {instance}): this host has no systemd; the lab tool supervises
            # its services, and this hands the command to it (what `lab start|stop {host.Name}` does from the machine).

            """;
        if (tool is null)
            return header + $"""
                echo "{program}: this lab was brought up by a program without the lab CLI beside it; from the machine use: lab start|stop|status" >&2
                exit 1

                """;
        var services = string.Join(',', host.Services);
        // cd / and a clean environment: a service started from here gets neither the student's current directory nor
        // whatever their shell exported.
        return header + $"""
            cd / && exec env -i HOME=/root LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LAB_STATE_DIR={Quote(layout.StateRoot)} LAB_CACHE_DIR={Quote(layout.CacheRoot)} \
              {Quote(tool.Dotnet)} {Quote(tool.Dll)} host-service --instance {instance} --host {host.Name} --services '{services}' -- {program} "$@"

            """;
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
