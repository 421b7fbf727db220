using System.Diagnostics;
using Lab.Core.Errors;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Messages;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Targets;
using Lab.Hosts.Ssh;
using Lab.Hosts.Ssh.Inventory;
using Lab.Images;
using Lab.Hosts.Vm;
using Lab.Instances;

namespace Lab.Targets.Machines;

/// <summary>
/// VM-like hosts without a hypervisor: one systemd-nspawn container per host, booted with systemd and sshd from the
/// cached Debian image, on the same private lab network as the local target, then driven over SSH from a namespace
/// of the lab's own, through the one bring-up plan (the seeds' way: galera_new_cluster, systemctl).
/// </summary>
public sealed class MachinesTarget(LabCatalog catalog, LocalLayout layout) : ILabTarget
{
    public const string TargetName = "machines";

    private readonly MachineLayout _machines = new(layout);
    private readonly VmFleet _fleet = new(layout);

    public string Name => TargetName;

    public string Summary => "one systemd-nspawn container per host here (cached Debian 12 image), on the lab's private network, over ssh: systemctl, galera_new_cluster as students type them";

    public async Task<LabInstance> UpAsync(UpRequest request, Action<string> progress, CancellationToken ct)
    {
        BareMode.Refuse(request, Name); // their hosts are provisioned with the lab's files: no bare mode there yet
        var instance = InstanceName.Validate(request.Instance);
        if (request.Inventory is not null)
            throw new LabInputException("--inventory is for --target ssh (the machines target creates its own hosts)");
        MachinesPreflight.Check();
        var clock = Stopwatch.StartNew();
        // A mixed lab: hosts that need a kernel of their own become VMs on the same bridges, the rest containers.
        var needs = await VmPlacement.HostsNeedingVmsAsync(request.Lab, ct);
        VmRuntime? runtime = null;
        if (needs.Count > 0)
        {
            progress(VmPlacement.Describe(needs));
            runtime = await VmRuntime.PrepareAsync(layout, progress, ct);
        }
        var image = await MachineImage.EnsureAsync(layout, progress, ct);
        var vmNames = needs.Select(n => n.Host.Name).ToHashSet();
        return WithVms(await ManagedMachines.UpAsync(this, layout, catalog, request with { Instance = instance }, _machines.InventoryFile(instance),
            pace: runtime?.Accel.Pace ?? 1, moved => BootAsync(moved, instance, image, runtime, vmNames, progress, clock, request.Language, ct), progress, ct));
    }

    /// <summary>
    /// The lab network, a management namespace, one booted container per host (a VM for each host in
    /// <paramref name="vmNames"/>); returns the inventory reaching them all.
    /// </summary>
    private async Task<SshInventory> BootAsync(LabDefinition moved, string instance, string image, VmRuntime? runtime, IReadOnlySet<string> vmNames,
        Action<string> progress, Stopwatch clock, Language language, CancellationToken ct)
    {
        var containers = moved.Hosts.Where(h => !vmNames.Contains(h.Name)).ToList();
        var vms = moved.Hosts.Where(h => vmNames.Contains(h.Name)).ToList();
        await LabNetwork.CreateAsync(instance, moved, ct, containers);
        var from = await ManagementNamespace.CreateAsync(instance, moved, ct);
        var publicKey = await ManagedMachines.CreateLoginKeyAsync(_machines.KeyFile(instance), instance, ct);

        var boots = containers.Select(h => new MachineBoot(_machines, instance, h)).ToList();
        var knownHosts = (await Task.WhenAll(boots.Select(b => b.PrepareAsync(image, moved, publicKey, ct)))).ToList();
        if (runtime is not null) knownHosts.AddRange(await _fleet.StartAsync(instance, moved, vms, runtime, publicKey, progress, ct));
        File.WriteAllText(_machines.KnownHosts(instance), string.Join("\n", knownHosts) + "\n");
        await Task.WhenAll(boots.Select(b => b.StartAsync(ct)));
        var inventory = ManagedMachines.WriteInventory(_machines.InventoryFile(instance), moved, instance, _machines.KeyFile(instance), _machines.KnownHosts(instance), Name);
        progress(EngineText.BringUp.MachinesBooting.In(language, containers.Count, from, clock.Elapsed.TotalSeconds));

        await Task.WhenAll(
            ManagedMachines.WaitBootedAsync(containers, instance, inventory, TimeSpan.FromSeconds(90), host => RequiredTools.Tail(_machines.ConsoleLog(instance, host)), ct),
            runtime is null ? Task.CompletedTask : _fleet.WaitAsync(instance, vms, inventory, runtime, progress, ct));
        progress(EngineText.BringUp.MachinesBooted.In(language, clock.Elapsed.TotalSeconds));
        return inventory;
    }

    public LabInstance Open(string instance) => WithVms(SshLab.OpenRecorded(catalog, layout, instance, Name));

    /// <summary>
    /// A mixed lab's VMs come with their power switch (hard failovers); the containers share this machine's kernel (a
    /// scenario needing netem there is not run when it lacks it).
    /// </summary>
    private LabInstance WithVms(LabInstance instance) => SharedKernel.Attach(_fleet, VmPower.Attach(_fleet.Vms, instance));

    /// <summary>True when the instance is (or was half-way) a machines instance.</summary>
    public bool Owns(string instance) =>
        InstanceRecord.TryLoad(layout, instance)?.Target == Name
        || Directory.Exists(_machines.InstanceDir(instance));

    public IReadOnlyList<HostPlacement> Describe(LabInstance instance) =>
        instance.Lab.Hosts.Select(h => new HostPlacement(h.Name, h.Address, _fleet.IsVm(instance.Name, h.Name)
            ? $"VM ({h.VmSize.Cpus} vCPU, {h.VmSize.MemoryMb} MB), console {_fleet.Vms.ConsoleLog(instance.Name, h.Name)}, ssh root@{h.Address} from the lab's own namespace"
            : $"container {MachineLayout.MachineName(instance.Name, h.Name)}, ssh root@{h.Address} from the lab's own namespace")).ToList();

    public async Task<DownReport> DownAsync(string instance, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        MachinesPreflight.RequireRoot();
        var closed = await SshConnections.CloseAsync(layout, instance, ct);
        var report = await Reaper.DownAsync(layout, instance, ct);
        var machines = await MachineReaper.RemoveAsync(_machines, instance, ct);
        var vms = await VmReaper.RemoveAsync(_fleet.Vms, instance, ct);
        return report.For(Name).With(machines > 0 ? $"{machines} machine(s)" : null, vms > 0 ? $"{vms} VM(s) and their overlays" : null,
            closed ? "its ssh connections" : null);
    }
}
