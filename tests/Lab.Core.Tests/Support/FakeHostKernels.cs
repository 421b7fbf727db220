using Lab.Core.Hosts;
using Lab.Core.Model;

namespace Lab.Core.Tests.Support;

/// <summary>
/// Hosts placed as a test says: those named in <c>vms</c> have kernels of their own, the others share "this machine's",
/// which has the modules in <c>machineModules</c>. Counts how often the machine's kernel was asked.
/// </summary>
public sealed class FakeHostKernels(IEnumerable<string> vms, params string[] machineModules) : IHostKernels
{
    private readonly HashSet<string> _vms = vms.ToHashSet();
    private int _asked;

    public int MachineAsked => _asked;

    public bool SharesThisMachinesKernel(string host) => !_vms.Contains(host);

    public Task<bool> ThisMachineHasAsync(KernelFeature feature, CancellationToken ct)
    {
        Interlocked.Increment(ref _asked);
        return Task.FromResult(machineModules.Contains(feature.Module));
    }
}
