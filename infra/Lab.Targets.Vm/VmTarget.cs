using Lab.Core.Errors;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Targets;
using Lab.Hosts.Ssh;
using Lab.Hosts.Ssh.Inventory;
using Lab.Hosts.Vm;
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

    private readonly VmFleet _fleet = new(layout);

    private VmLayout _vms => _fleet.Vms;

    public string Name => TargetName;

    public string Summary => "one QEMU VM per host here (Debian 12 with its own kernel: ip_vs, drbd, netem), tap devices on the lab's bridge, over ssh; KVM when it works, else software emulation (slow)";

    public async Task<LabInstance> UpAsync(UpRequest request, Action<string> progress, CancellationToken ct)
    {
        BareMode.Refuse(request, Name); // their hosts are provisioned with the lab's files: no bare mode there yet
        var instance = InstanceName.Validate(request.Instance);
        if (request.Inventory is not null)
            throw new LabInputException("--inventory is for --target ssh (the vm target creates its own hosts)");
        var runtime = await VmRuntime.PrepareAsync(layout, progress, ct);
        return WithPower(await ManagedMachines.UpAsync(this, layout, catalog, request with { Instance = instance }, _fleet.Vms.InventoryFile(instance), runtime.Accel.Pace,
            async moved =>
            {
                await LabNetwork.CreateSwitchAsync(instance, moved, ct); // no host namespaces: each VM has its own network stack
                return await _fleet.BootAsync(instance, moved, moved.Hosts, runtime, progress, ct);
            }, progress, ct));
    }

    public LabInstance Open(string instance) => WithPower(SshLab.OpenRecorded(catalog, layout, instance, Name));

    /// <summary>The same instance with the VMs' power switch (hard failovers: <see cref="VmPower"/>).</summary>
    private LabInstance WithPower(LabInstance i) => VmPower.Attach(_vms, i);

    /// <summary>True when the instance is (or was half-way) a vm instance.</summary>
    public bool Owns(string instance) => InstanceRecord.TryLoad(layout, instance) is { } record
        ? record.Target == Name // a local instance with VMs among its hosts (a mixed lab) has VM directories too
        : Directory.Exists(_vms.InstanceDir(instance));

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
