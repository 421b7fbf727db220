using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Hosts.Vm;

namespace Lab.Conformance;

/// <summary>
/// Which labs and scenarios a target's conformance run covers. Every lab by default; a lab whose hosts become VMs boots
/// the same VMs (one code path, Lab.Hosts.Vm) whichever target holds the others, so under emulation it is run once, not
/// per target: the CI budget of ./run-tests is 30 minutes.
/// </summary>
public interface IConformanceScope
{
    static virtual bool Covers(LabDefinition lab) => !lab.Hosts.Any(h => h.MustBeVm);

    /// <summary>
    /// Every scenario of a covered lab, but one this machine cannot run on the target: it would be "not run", and CI
    /// fails on a skipped test. The default is the local and machines targets' placement: a host is a VM when it must be
    /// one (<see cref="VmPlacement"/>), the rest share this machine's kernel, so a scenario impairing one of those is
    /// left out when this kernel has no netem.
    /// </summary>
    static virtual bool Covers(LabDefinition lab, Scenario scenario)
    {
        var kernels = SharedKernel.PlannedAsync(lab, CancellationToken.None).GetAwaiter().GetResult();
        return ScenarioPrerequisites.WhyNotRunnableAsync(scenario, lab.Name, kernels, CancellationToken.None).GetAwaiter().GetResult() is null;
    }
}
