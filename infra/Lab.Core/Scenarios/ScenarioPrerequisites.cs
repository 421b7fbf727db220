using Lab.Core.Hosts;
using Lab.Core.Messages;
using Lab.Core.Model;

namespace Lab.Core.Scenarios;

/// <summary>
/// Whether a scenario can run on an instance's hosts at all, decided from what is known without touching them: a
/// scenario that impairs links needs netem on those hosts, which a VM has (its own kernel) and a namespace or container
/// has only when this machine's kernel does. One that cannot run is reported "not run" with this reason, not failed.
/// </summary>
public static class ScenarioPrerequisites
{
    private static readonly KernelFeature Netem = KernelFeature.Find("netem")!;

    /// <summary>Why the scenario cannot run on hosts placed as <paramref name="kernels"/> says (null: each host has a kernel of its own); null when it can.</summary>
    public static async Task<string?> WhyNotRunnableAsync(Scenario scenario, string lab, IHostKernels? kernels, CancellationToken ct,
        Language language = Language.En)
    {
        if (kernels is null) return null;
        var shared = scenario.ImpairedHosts.Where(kernels.SharesThisMachinesKernel).ToList();
        if (shared.Count == 0 || await kernels.ThisMachineHasAsync(Netem, ct)) return null;
        return EngineText.Run.NeedsKernelFeature.In(language, Netem.Name, string.Join(", ", shared), Netem.Module, lab, scenario.Name);
    }
}
