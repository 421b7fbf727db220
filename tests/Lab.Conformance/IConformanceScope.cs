using Lab.Core.Model;

namespace Lab.Conformance;

/// <summary>
/// Which labs, and which of their scenarios, a target's conformance run covers. Every lab by default; a lab whose hosts
/// become VMs boots the same VMs (one code path, Lab.Hosts.Vm) whichever target holds the others, so under emulation it
/// is run once, not per target: the CI budget of ./run-tests is 30 minutes.
/// </summary>
public interface IConformanceScope
{
    static virtual bool Covers(LabDefinition lab) => !lab.Hosts.Any(h => h.MustBeVm);

    /// <summary>Every scenario of a covered lab by default.</summary>
    static virtual bool Covers(LabDefinition lab, string scenario) => true;
}
