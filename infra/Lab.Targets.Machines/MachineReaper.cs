using Lab.Core.Waits;
using Lab.Instances;

namespace Lab.Targets.Machines;

/// <summary>
/// After the instance's namespaces are emptied (which stops every container: its init dies with the rest), waits for
/// each machine's systemd-nspawn to exit, unmounts its overlay and removes its files. Only pids recorded for this
/// instance are ever signalled, and only while they are still that instance's nspawn.
/// </summary>
public static class MachineReaper
{
    public static async Task<int> RemoveAsync(MachineLayout machines, string instance, CancellationToken ct)
    {
        var dir = machines.InstanceDir(instance);
        if (!Directory.Exists(dir)) return 0;
        var hosts = Directory.GetDirectories(dir).Select(Path.GetFileName).OfType<string>().ToList();
        foreach (var host in hosts)
        {
            var pid = OwnedProcess.ReadPid(machines.PidFile(instance, host));
            var root = machines.RootFs(instance, host);
            if (pid > 0 && IsOurNspawn(pid, root))
            {
                try
                {
                    await WaitGoneAsync(pid, root, TimeSpan.FromSeconds(10), ct);
                }
                catch (WaitTimeoutException)
                {
                    await ProcessRunner.RunAsync("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)], ct: ct);
                    await WaitGoneAsync(pid, root, TimeSpan.FromSeconds(10), ct);
                }
            }
            if (MountPoints.IsMountPoint(root))
            {
                var umount = await ProcessRunner.RunAsync("umount", [root], ct: ct);
                if (!umount.Ok) await ProcessRunner.RequireAsync("umount", ["--lazy", root], ct: ct);
            }
        }
        Directory.Delete(dir, recursive: true);
        return hosts.Count;
    }

    private static Task WaitGoneAsync(int pid, string root, TimeSpan timeout, CancellationToken ct) =>
        Until.Real.HoldsAsync($"systemd-nspawn (pid {pid}) of {root} to exit", _ =>
            Task.FromResult(new ProbeResult(!IsOurNspawn(pid, root), "still running")), new WaitPolicy(timeout, TimeSpan.FromMilliseconds(50)), ct);

    /// <summary>True while the pid is a live systemd-nspawn booting exactly this root (not a reused pid).</summary>
    private static bool IsOurNspawn(int pid, string root) => OwnedProcess.IsLive(pid, argv =>
        argv[0].EndsWith("systemd-nspawn", StringComparison.Ordinal) && argv.Contains(root));
}
