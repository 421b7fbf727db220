using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Targets;
using Lab.Core.Waits;
using Lab.Images;
using Lab.Instances;
using Lab.Targets.Machines;

namespace Lab.Export.Pulumi.Proof.Hosts;

/// <summary>
/// systemd-nspawn machines on the lab's host namespaces, booted from the cloud-init layer over the machine image: the
/// proof of a lab that needs no kernel of its own. Recorded as a machines instance.
/// </summary>
public sealed class ContainerProofMachines(LabCatalog catalog, LocalLayout layout) : IProofMachines
{
    private readonly MachineLayout _machines = new(layout);
    private string? _lower;

    public string Target => MachinesTarget.TargetName;

    public double Pace => 1;

    /// <summary>The provider's dialErrorLimit (30 in the programs) at about 3 s a dial.</summary>
    public WaitPolicy Boot(int hosts) => new(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(1));

    public async Task PrepareImageAsync(Action<string> progress, CancellationToken ct)
    {
        MachinesPreflight.Check();
        _lower = await CloudInitLayer.EnsureAsync(layout, progress, ct);
    }

    public Task CreateNetworkAsync(string instance, LabDefinition lab, CancellationToken ct) => LabNetwork.CreateAsync(instance, lab, ct);

    public async Task<string> PrepareAsync(string instance, LabDefinition lab, HostDefinition host, Action<string> seed, CancellationToken ct)
    {
        // No key for root: the program logs in as its admin user and uses sudo, as on Azure.
        var knownHost = await new MachineBoot(_machines, instance, host).PrepareAsync(
            _lower ?? throw new InvalidOperationException("PrepareImageAsync first"), lab, "", ct);
        seed(_machines.RootFs(instance, host.Name));
        return knownHost;
    }

    public Task StartAsync(string instance, LabDefinition lab, HostDefinition host, CancellationToken ct) =>
        new MachineBoot(_machines, instance, host).StartAsync(ct);

    public Func<CancellationToken, Task<string?>>? Repair(string instance, HostDefinition host) =>
        new ContainerBootUnits(_machines.PidFile(instance, host.Name)).RestartFailedAsync;

    public LabInstance Attach(LabInstance lab) => lab;

    public Task<DownReport> DownAsync(string instance, CancellationToken ct) => new MachinesTarget(catalog, layout).DownAsync(instance, ct);
}
