using System.Diagnostics;
using Lab.Core.Model;
using Lab.Hosts.Ssh;
using Lab.Hosts.Ssh.Inventory;
using Lab.Images;
using Lab.Instances;

namespace Lab.Hosts.Vm;

/// <summary>The cached VM image and how VMs run here (KVM or emulation): what every boot of VMs needs first.</summary>
public sealed record VmRuntime(VmImageFiles Image, Acceleration Accel)
{
    public static async Task<VmRuntime> PrepareAsync(LocalLayout layout, Action<string> progress, CancellationToken ct)
    {
        VmPreflight.Check();
        var image = await VmImage.EnsureAsync(layout, progress, ct);
        var accel = await Accelerator.ProbeAsync(image.Kernel, ct);
        progress($"VMs run under {accel.Describe}");
        return new VmRuntime(image, accel);
    }
}

/// <summary>
/// Boots some or all of a lab's hosts as VMs on the instance's switch, which already exists: the vm target boots every
/// host this way, the local and machines targets only the hosts that need a kernel of their own (a mixed lab). The
/// VMs are reached over SSH from the lab's management namespace.
/// </summary>
public sealed class VmFleet(LocalLayout layout)
{
    public VmLayout Vms { get; } = new(layout);

    /// <summary>
    /// The whole sequence for a target whose only SSH hosts are these VMs: the management namespace, the login key, the
    /// VMs, an inventory of just them, and the wait until they answer.
    /// </summary>
    public async Task<SshInventory> BootAsync(string instance, LabDefinition lab, IReadOnlyList<HostDefinition> hosts, VmRuntime runtime,
        Action<string> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var from = await ManagementNamespace.CreateAsync(instance, lab, ct);
        var publicKey = await ManagedMachines.CreateLoginKeyAsync(Vms.KeyFile(instance), instance, ct);
        var knownHosts = await StartAsync(instance, lab, hosts, runtime, publicKey, progress, ct);
        File.WriteAllText(Vms.KnownHosts(instance), string.Join("\n", knownHosts) + "\n");
        var inventory = ManagedMachines.WriteInventory(Vms.InventoryFile(instance), lab, instance, Vms.KeyFile(instance), Vms.KnownHosts(instance),
            "vm", hosts);
        progress($"ssh from {from} in the lab's own namespace");
        await WaitAsync(instance, hosts, inventory, runtime, progress, ct);
        progress($"VMs ready ({clock.Elapsed.TotalSeconds:0.00}s)");
        return inventory;
    }

    /// <summary>Starts the VMs (each with the given login key for root).</summary>
    /// <returns>The known_hosts lines for their new host keys.</returns>
    public async Task<IReadOnlyList<string>> StartAsync(string instance, LabDefinition lab, IReadOnlyList<HostDefinition> hosts, VmRuntime runtime,
        string publicKey, Action<string> progress, CancellationToken ct)
    {
        progress($"VMs: {string.Join(", ", hosts.Select(h => $"{h.Name} ({h.VmSize.Cpus} vCPU, {h.VmSize.MemoryMb} MB)"))}");
        // The index in the whole lab keeps tap names and MACs unique on the lab's bridges.
        var boots = hosts.Select(h => new VmBoot(Vms, instance, lab, lab.Hosts.ToList().IndexOf(h))).ToList();
        var knownHosts = await Task.WhenAll(boots.Select(b => b.PrepareAsync(runtime.Image, publicKey, ct)));
        await Task.WhenAll(boots.Select(b => b.StartAsync(runtime.Image, runtime.Accel, ct)));
        progress($"{hosts.Count} VM(s) booting (consoles in {Vms.InstanceDir(instance)}/<host>/console.log)");
        return knownHosts;
    }

    /// <summary>Waits until every VM's sshd answers and systemd is up, then sets their clocks from this machine's.</summary>
    public async Task WaitAsync(string instance, IReadOnlyList<HostDefinition> hosts, SshInventory inventory, VmRuntime runtime,
        Action<string> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        // Under emulation several VMs booting at once share the cores: about 30 s for one, minutes for five.
        var limit = runtime.Accel.Kvm ? TimeSpan.FromSeconds(90) : TimeSpan.FromSeconds(120 + 60 * hosts.Count);
        await ManagedMachines.WaitBootedAsync(hosts, instance, inventory, limit, host => RequiredTools.Tail(Vms.ConsoleLog(instance, host)), ct,
            runtime.Accel.Pace);
        var runner = SshConnections.Runner(instance, inventory, runtime.Accel.Pace);
        var offsets = await Task.WhenAll(hosts.Select(h => VmClock.SyncAsync(runner, inventory.Host(h.Name), ct)));
        progress($"VMs booted, sshd answering, clocks set from this machine's (off by at most {offsets.Select(Math.Abs).Max() * 1000:0} ms) ({clock.Elapsed.TotalSeconds:0.00}s)");
    }

    /// <summary>True when the host of the instance is one of its VMs (a mixed lab's others are namespaces or containers).</summary>
    public bool IsVm(string instance, string host) => Directory.Exists(Vms.HostDir(instance, host));
}
