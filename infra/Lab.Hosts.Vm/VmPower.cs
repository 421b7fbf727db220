using System.Text.Json;
using Lab.Core.Errors;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Waits;
using Lab.Hosts.Ssh;
using Lab.Hosts.Ssh.Inventory;
using Lab.Images;
using Lab.Instances;

namespace Lab.Hosts.Vm;

/// <summary>
/// The power switch of a vm instance's hosts. Off is SIGKILL to the VM's QEMU (a power cut: the guest's kernel gets no
/// say), its tap device removed and the tool's ssh connection to it closed. On starts QEMU again exactly as `up` did
/// (same overlay, seed and data disks, same tap and MAC), then waits until sshd answers and systemd is done, as `up` does.
/// </summary>
/// <remarks>In a mixed lab only the VM hosts have a switch; asking for another host's is refused naming it.</remarks>
public sealed class VmPower(VmLayout vms, LabInstance instance) : IPowerControl
{
    /// <summary>The instance with its VMs' power switch, when it has VMs (the vm target's always, a mixed lab's some).</summary>
    public static LabInstance Attach(VmLayout vms, LabInstance i) =>
        Directory.Exists(vms.InstanceDir(i.Name)) ? i.With(power: new VmPower(vms, i)) : i;

    /// <summary>A mixed lab's namespaces and containers have no switch and count as on.</summary>
    public bool IsOn(string host) => !Directory.Exists(vms.HostDir(instance.Name, host))
        || VmReaper.IsOurQemu(OwnedProcess.ReadPid(vms.PidFile(instance.Name, host)), vms.Overlay(instance.Name, host));

    public async Task PowerOffAsync(string host, CancellationToken ct)
    {
        var index = IndexOf(host);
        var pid = OwnedProcess.ReadPid(vms.PidFile(instance.Name, host));
        var overlay = vms.Overlay(instance.Name, host);
        if (VmReaper.IsOurQemu(pid, overlay))
        {
            Native.Signal(pid, Native.SIGKILL);
            await Until.Real.HoldsAsync($"{host}: QEMU (pid {pid}) to exit after SIGKILL", _ =>
                Task.FromResult(new ProbeResult(!VmReaper.IsOurQemu(pid, overlay), "still running")), new WaitPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20)), ct);
        }
        // Its tap is made again by the next start, as at `up`. The shared ssh connection to a dead VM would hang the next command.
        await DeleteTapsAsync(host, index, ct);
        var inventory = Inventory();
        await SshConnections.Runner(instance.Name, inventory).CloseAsync(inventory.Host(host), ct);
    }

    public async Task PowerOnAsync(string host, CancellationToken ct)
    {
        if (IsOn(host)) return;
        var index = IndexOf(host);
        var image = await ImageOfAsync(host, ct);
        var accel = await Accelerator.ProbeAsync(image.Kernel, ct);
        await DeleteTapsAsync(host, index, ct);
        await new VmBoot(vms, instance.Name, instance.Lab, index).StartAsync(image, accel, ct);
        // One VM booting while the others run: as at `up`, about a minute under emulation.
        var limit = accel.Kvm ? TimeSpan.FromSeconds(90) : TimeSpan.FromSeconds(240);
        var inventory = Inventory();
        await ManagedMachines.WaitBootedAsync([instance.Lab.Host(host)], instance.Name, inventory, limit,
            h => RequiredTools.Tail(vms.ConsoleLog(instance.Name, h)), ct, accel.Pace);
        await VmClock.SyncAsync(SshConnections.Runner(instance.Name, inventory, accel.Pace), inventory.Host(host), ct);
    }

    /// <summary>Its taps (one per lab network) are made again by the next start, as at `up`.</summary>
    private async Task DeleteTapsAsync(string host, int index, CancellationToken ct)
    {
        foreach (var nic in instance.Lab.Host(host).Nics)
            await ProcessRunner.RunAsync("ip", ["-n", LocalLayout.SwitchNetns(instance.Name), "link", "del", VmLayout.Tap(index, nic.Index)], ct: ct);
    }

    private int IndexOf(string host)
    {
        var index = instance.Lab.Hosts.ToList().FindIndex(h => h.Name == host);
        if (index < 0) throw new LabInputException($"unknown host '{host}' in instance '{instance.Name}'");
        if (!Directory.Exists(vms.HostDir(instance.Name, host))) throw new NoPowerControlException(host, instance.Target, instance.Lab.Name);
        return index;
    }

    private SshInventory Inventory() => InventoryLoader.Load(vms.InventoryFile(instance.Name));

    /// <summary>The image this VM's overlay was made from (a newer image may be cached since; its kernel would not match the disk).</summary>
    private async Task<VmImageFiles> ImageOfAsync(string host, CancellationToken ct)
    {
        var overlay = vms.Overlay(instance.Name, host);
        var info = await ProcessRunner.RunAsync("qemu-img", ["info", "--output=json", "-U", overlay], ct: ct);
        string? backing = null;
        if (info.Ok)
            using (var json = JsonDocument.Parse(info.Stdout))
                backing = json.RootElement.TryGetProperty("full-backing-filename", out var b) ? b.GetString()
                    : json.RootElement.TryGetProperty("backing-filename", out var b2) ? b2.GetString() : null;
        if (backing is null || !File.Exists(backing))
            throw new LabException($"{host}: cannot tell which VM image {overlay} was made from ({info.Describe()}); `lab down --instance {instance.Name}` and up again");
        return VmImage.FilesIn(Path.GetDirectoryName(backing)!);
    }
}
