using Lab.Core.Model;

namespace Lab.Core.Hosts;

/// <summary>
/// Which kernel an instance's hosts run on, known without asking them: namespaces and containers share this machine's
/// kernel, VMs have their own. Lets a scenario that needs a kernel feature (netem for `impair`) be judged before the
/// lab is touched. An instance without one (<see cref="Instances.LabInstance.Kernels"/> null) has hosts with kernels of
/// their own (VMs, remote machines).
/// </summary>
public interface IHostKernels
{
    /// <summary>True when the host runs on this machine's kernel (a namespace or container), false for a VM.</summary>
    bool SharesThisMachinesKernel(string host);

    /// <summary>Whether this machine's kernel has the feature's module (loaded, built in or loadable).</summary>
    Task<bool> ThisMachineHasAsync(KernelFeature feature, CancellationToken ct);
}
