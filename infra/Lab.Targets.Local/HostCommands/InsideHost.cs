using Lab.Core.Errors;
using Lab.Instances;

namespace Lab.Targets.Local.HostCommands;

/// <summary>
/// `lab host-service` is what a host's systemctl runs: it acts on the host it runs in. A call from anywhere else (the
/// machine, another host) would start services in the wrong namespaces, so it is refused.
/// </summary>
public static class InsideHost
{
    public static async Task RequireAsync(string instance, string host, CancellationToken ct)
    {
        var netns = LocalLayout.NetnsPath(LocalLayout.HostNetns(instance, host));
        // The same network namespace has the same inode, whichever file names it.
        var inodes = await ProcessRunner.RunAsync("stat", ["-L", "-c", "%i", "/proc/self/ns/net", netns], ct: ct);
        var lines = inodes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (!inodes.Ok || lines.Length != 2 || lines[0] != lines[1])
            throw new LabException($"lab host-service acts on the host it runs in, and this is not {host} of instance {instance} " +
                                   $"({netns}); from the machine use `lab start|stop {host}` or `lab shell {host} -- systemctl ...`");
    }
}
