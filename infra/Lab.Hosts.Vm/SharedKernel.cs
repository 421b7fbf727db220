using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Model;
using Lab.Instances;

namespace Lab.Hosts.Vm;

/// <summary>
/// The kernels of a local or machines instance's hosts: its namespaces and containers share this machine's kernel,
/// its VMs (a mixed lab's) have their own. Known from the instance's files and this kernel's modules alone, so a
/// scenario needing netem can be judged before anything is prepared.
/// </summary>
public sealed class SharedKernel(Func<string, bool> isVm) : IHostKernels
{
    /// <summary>The instance, told which of its hosts are VMs (those with a VM directory, as its power switch decides).</summary>
    public static LabInstance Attach(VmFleet fleet, LabInstance instance) =>
        instance.With(kernels: new SharedKernel(host => fleet.IsVm(instance.Name, host)));

    /// <summary>Before an `up`: the hosts the local and machines targets would make VMs (<see cref="VmPlacement"/>), the rest sharing this kernel.</summary>
    public static async Task<SharedKernel> PlannedAsync(LabDefinition lab, CancellationToken ct)
    {
        var vms = (await VmPlacement.HostsNeedingVmsAsync(lab, ct)).Select(n => n.Host.Name).ToHashSet();
        return new SharedKernel(vms.Contains);
    }

    public bool SharesThisMachinesKernel(string host) => !isVm(host);

    public Task<bool> ThisMachineHasAsync(KernelFeature feature, CancellationToken ct) => KernelModules.HasAsync(feature.Module, ct);
}
