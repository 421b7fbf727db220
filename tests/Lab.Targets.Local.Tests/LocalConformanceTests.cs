using Lab.Conformance;
using Lab.Core.Loading;
using Lab.Core.Targets;
using Lab.Instances;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// Every lab but those with hosts that must be VMs (ha-drbd: LocalVmLabConformanceTests); lvs runs here as a
/// mixed lab, its director and real servers VMs on the namespaces' bridges. A scenario impairing namespaces (galera's
/// latency-100ms) is left out while this kernel has no netem (see IConformanceScope).
/// </summary>
public sealed class LocalConformanceFixture : ConformanceFixture, IConformanceScope
{
    protected override ILabTarget CreateTarget(LabCatalog catalog, LocalLayout layout) => new LocalTarget(catalog, layout);
}

/// <summary>Every lab's every scenario on the local target (namespaces on this machine).</summary>
public sealed class LocalConformanceTests(LocalConformanceFixture fixture, ITestOutputHelper output)
    : LabConformanceTests<LocalConformanceFixture>(fixture, output), IClassFixture<LocalConformanceFixture>;
