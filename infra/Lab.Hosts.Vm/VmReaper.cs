using Lab.Core.Waits;
using Lab.Instances;

namespace Lab.Hosts.Vm;

/// <summary>
/// After the instance's namespaces are emptied (QEMU runs in its switch namespace, so the reaper has already killed it),
/// makes sure each VM's QEMU is gone, then removes the overlays, seed disks and logs. A pid is signalled only while it
/// is still a QEMU of this very VM (its command line names the VM's own overlay), never a reused pid.
/// </summary>
public static class VmReaper
{
    public static async Task<int> RemoveAsync(VmLayout vms, string instance, CancellationToken ct)
    {
        var dir = vms.InstanceDir(instance);
        if (!Directory.Exists(dir)) return 0;
        var hosts = Directory.GetDirectories(dir).Select(Path.GetFileName).OfType<string>().ToList();
        foreach (var host in hosts)
        {
            var overlay = vms.Overlay(instance, host);
            var pid = OwnedProcess.ReadPid(vms.PidFile(instance, host));
            if (pid > 0 && IsOurQemu(pid, overlay))
            {
                Native.Signal(pid, Native.SIGKILL);
                await Until.Real.HoldsAsync($"QEMU (pid {pid}) of {overlay} to exit", _ =>
                    Task.FromResult(new ProbeResult(!IsOurQemu(pid, overlay), "still running")), new WaitPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50)), ct);
            }
        }
        Directory.Delete(dir, recursive: true);
        return hosts.Count;
    }

    /// <summary>True while the pid is a live QEMU whose command line holds exactly this VM's overlay.</summary>
    internal static bool IsOurQemu(int pid, string overlay) => OwnedProcess.IsLive(pid, argv =>
        argv[0].Contains("qemu-system", StringComparison.Ordinal) && argv.Any(a => a.Contains($"file={overlay},", StringComparison.Ordinal)));
}
