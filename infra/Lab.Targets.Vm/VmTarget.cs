using System.Diagnostics;
using Lab.Core.Errors;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Targets;
using Lab.Hosts.Ssh;
using Lab.Hosts.Ssh.Inventory;
using Lab.Images;
using Lab.Instances;

namespace Lab.Targets.Vm;

/// <summary>
/// Real virtual machines: one QEMU VM per host with Debian's own kernel (so ip_vs, drbd, netem exist), its NIC a tap
/// device on the lab's own bridge, booted from a copy-on-write overlay of the cached image, then driven over SSH from
/// the lab's management namespace through the one bring-up plan, exactly as the machines target drives containers.
/// </summary>
public sealed class VmTarget(LabCatalog catalog, LocalLayout layout) : ILabTarget
{
    public const string TargetName = "vm";

    private readonly VmLayout _vms = new(layout);

    public string Name => TargetName;

    public string Summary => "one QEMU VM per host here (Debian 12 with its own kernel: ip_vs, drbd, netem), tap devices on the lab's bridge, over ssh; KVM when it works, else software emulation (slow)";

    public async Task<LabInstance> UpAsync(UpRequest request, Action<string> progress, CancellationToken ct)
    {
        var instance = InstanceName.Validate(request.Instance);
        if (request.Inventory is not null)
            throw new LabInputException("--inventory is for --target ssh (the vm target creates its own hosts)");
        VmPreflight.Check();
        var clock = Stopwatch.StartNew();
        var image = await VmImage.EnsureAsync(layout, progress, ct);
        var accel = await Accelerator.ProbeAsync(image.Kernel, ct);
        progress($"VMs run under {accel.Describe}");
        return WithPower(await ManagedMachines.UpAsync(this, layout, catalog, request with { Instance = instance }, _vms.InventoryFile(instance), accel.Pace,
            moved => BootAsync(moved, instance, image, accel, progress, clock, ct), progress, ct));
    }

    /// <summary>The lab's switch with its bridge, a management namespace, one booted VM per host; returns the inventory reaching them.</summary>
    private async Task<SshInventory> BootAsync(LabDefinition moved, string instance, VmImageFiles image, Acceleration accel,
        Action<string> progress, Stopwatch clock, CancellationToken ct)
    {
        await LabNetwork.CreateSwitchAsync(instance, moved, ct); // no host namespaces: each VM has its own network stack
        var from = await ManagementNamespace.CreateAsync(instance, moved, ct);
        var publicKey = await ManagedMachines.CreateLoginKeyAsync(_vms.KeyFile(instance), instance, ct);
        progress($"VMs: {string.Join(", ", moved.Hosts.Select(h => $"{h.Name} ({h.VmSize.Cpus} vCPU, {h.VmSize.MemoryMb} MB)"))}");

        var boots = moved.Hosts.Select((_, i) => new VmBoot(_vms, instance, moved, i)).ToList();
        var knownHosts = await Task.WhenAll(boots.Select(b => b.PrepareAsync(image, publicKey, ct)));
        File.WriteAllText(_vms.KnownHosts(instance), string.Join("\n", knownHosts) + "\n");
        await Task.WhenAll(boots.Select(b => b.StartAsync(image, accel, ct)));
        var inventory = ManagedMachines.WriteInventory(_vms.InventoryFile(instance), moved, instance, _vms.KeyFile(instance), _vms.KnownHosts(instance), Name);
        progress($"{moved.Hosts.Count} VMs booting (consoles in {_vms.InstanceDir(instance)}/<host>/console.log); ssh from {from} in the lab's own namespace ({clock.Elapsed.TotalSeconds:0.00}s)");

        // Under emulation several VMs booting at once share the cores: about 30 s for one, minutes for five.
        var limit = accel.Kvm ? TimeSpan.FromSeconds(90) : TimeSpan.FromSeconds(120 + 60 * moved.Hosts.Count);
        await ManagedMachines.WaitBootedAsync(moved, instance, inventory, limit, host => RequiredTools.Tail(_vms.ConsoleLog(instance, host)), ct);
        progress($"VMs booted, sshd answering ({clock.Elapsed.TotalSeconds:0.00}s)");
        return inventory;
    }

    public LabInstance Open(string instance) => WithPower(SshLab.OpenRecorded(catalog, layout, instance, Name));

    /// <summary>The same instance with the VMs' power switch (hard failovers: <see cref="VmPower"/>).</summary>
    private LabInstance WithPower(LabInstance i) =>
        new(i.Name, i.Target, i.Lab, i.Secrets, i.Hosts.Values, i.Pace) { Power = new VmPower(_vms, i) };

    /// <summary>True when the instance is (or was half-way) a vm instance.</summary>
    public bool Owns(string instance) =>
        InstanceRecord.TryLoad(layout, instance)?.Target == Name
        || Directory.Exists(_vms.InstanceDir(instance));

    public IReadOnlyList<HostPlacement> Describe(LabInstance instance) =>
        instance.Lab.Hosts.Select(h => new HostPlacement(h.Name, h.Address,
            $"VM ({h.VmSize.Cpus} vCPU, {h.VmSize.MemoryMb} MB), console {_vms.ConsoleLog(instance.Name, h.Name)}, ssh root@{h.Address} from the lab's own namespace")).ToList();

    public async Task<DownReport> DownAsync(string instance, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        VmPreflight.RequireRoot();
        var closed = await SshConnections.CloseAsync(layout, instance, ct);
        var report = await Reaper.DownAsync(layout, instance, ct);
        var vms = await VmReaper.RemoveAsync(_vms, instance, ct);
        return report.For(Name).With(vms > 0 ? $"{vms} VM(s) and their overlays" : null, closed ? "its ssh connections" : null);
    }
}
