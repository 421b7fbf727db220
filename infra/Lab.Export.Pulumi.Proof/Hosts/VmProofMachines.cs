using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Targets;
using Lab.Core.Waits;
using Lab.Hosts.Vm;
using Lab.Images;
using Lab.Instances;
using Lab.Targets.Vm;

namespace Lab.Export.Pulumi.Proof.Hosts;

/// <summary>
/// QEMU VMs with Debian's own kernel on the lab's bridge, booted from the VM image with cloud-init: the proof of a lab
/// that needs its own kernel (DRBD). The NoCloud seed travels on the VM's seed disk, which lab-seed copies over / before
/// cloud-init starts; the third disk is the program's data disk at LUN 0, named by the image's udev rule as on Azure.
/// Recorded as a vm instance, so `lab down` and the VMs' power switch work as for any vm instance.
/// </summary>
public sealed class VmProofMachines(LabCatalog catalog, LocalLayout layout) : IProofMachines
{
    private readonly VmLayout _vms = new(layout);
    private VmRuntime? _runtime;

    public string Target => VmTarget.TargetName;

    public double Pace => _runtime?.Accel.Pace ?? 1;

    /// <summary>As `lab up --target vm` waits: under emulation several VMs booting at once share the cores.</summary>
    public WaitPolicy Boot(int hosts) => new(_runtime?.Accel.Kvm == true ? TimeSpan.FromSeconds(90) : TimeSpan.FromSeconds(120 + 60 * hosts),
        TimeSpan.FromSeconds(2));

    public async Task PrepareImageAsync(Action<string> progress, CancellationToken ct)
    {
        VmPreflight.Check();
        var image = await VmImage.EnsureAsync(layout, progress, ct, VmImageKind.CloudInit);
        var accel = await Accelerator.ProbeAsync(image.Kernel, ct);
        progress($"VMs run under {accel.Describe}");
        _runtime = new VmRuntime(image, accel);
    }

    /// <summary>No host namespaces: each VM has its own network stack, its NIC a tap on the lab's bridge.</summary>
    public Task CreateNetworkAsync(string instance, LabDefinition lab, CancellationToken ct) => LabNetwork.CreateSwitchAsync(instance, lab, ct);

    public Task<string> PrepareAsync(string instance, LabDefinition lab, HostDefinition host, Action<string> seed, CancellationToken ct) =>
        new VmBoot(_vms, instance, lab, IndexOf(lab, host)).PrepareAsync(Runtime.Image, "", ct, seed);

    public Task StartAsync(string instance, LabDefinition lab, HostDefinition host, CancellationToken ct) =>
        new VmBoot(_vms, instance, lab, IndexOf(lab, host)).StartAsync(Runtime.Image, Runtime.Accel, ct);

    /// <summary>Nothing to repair from outside: a VM boots with its own kernel.</summary>
    public Func<CancellationToken, Task<string?>>? Repair(string instance, HostDefinition host) => null;

    public LabInstance Attach(LabInstance lab) => VmPower.Attach(_vms, lab);

    public Task<DownReport> DownAsync(string instance, CancellationToken ct) => new VmTarget(catalog, layout).DownAsync(instance, ct);

    private VmRuntime Runtime => _runtime ?? throw new InvalidOperationException("PrepareImageAsync first");

    private static int IndexOf(LabDefinition lab, HostDefinition host) => lab.Hosts.ToList().FindIndex(h => h.Name == host.Name);
}
