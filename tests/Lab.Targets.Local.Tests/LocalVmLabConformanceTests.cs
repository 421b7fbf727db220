using Lab.Conformance;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Core.Targets;
using Lab.Instances;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// The labs whose hosts must be VMs (ha-drbd: node1 and node2 with DRBD, the client a namespace), as `lab run` runs
/// them on this target. Under emulation a failover of the Pacemaker group takes minutes, so CI runs the setup check
/// here; the hard failover (power cut, takeover, downtime, no acknowledged write lost, resync after the node returns)
/// runs in CI on the VMs of the Azure program's payload proof (the same templates, scenario and power switch), and the
/// rest run by hand (`lab run ha-drbd`), their times are in the guide.
/// </summary>
public sealed class LocalVmLabFixture : ConformanceFixture, IConformanceScope
{
    private static readonly string[] InCi = ["1-setup-check"];

    protected override ILabTarget CreateTarget(LabCatalog catalog, LocalLayout layout) => new LocalTarget(catalog, layout);

    protected override TimeSpan UpTimeout => TimeSpan.FromMinutes(25); // may first build the VM image

    static bool IConformanceScope.Covers(LabDefinition lab) => lab.Hosts.Any(h => h.MustBeVm);

    static bool IConformanceScope.Covers(LabDefinition lab, Scenario scenario) => lab.Name != "ha-drbd" || InCi.Contains(scenario.Name);
}

/// <summary>The labs with VM-only hosts, on the local target (those hosts VMs on the namespaces' bridges).</summary>
public sealed class LocalVmLabConformanceTests(LocalVmLabFixture fixture, ITestOutputHelper output)
    : LabConformanceTests<LocalVmLabFixture>(fixture, output), IClassFixture<LocalVmLabFixture>;
