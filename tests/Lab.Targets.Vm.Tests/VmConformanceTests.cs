using Lab.Conformance;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Core.Targets;
using Lab.Instances;
using Xunit.Abstractions;

namespace Lab.Targets.Vm.Tests;

/// <summary>
/// The galera lab with every host a VM (`lab run galera --target vm`), through the one conformance suite. Under software
/// emulation its five VMs take about six minutes to come up and most scenarios two to five more, so CI runs the one
/// only VMs can run here (latency-100ms: netem on db2 and db3, whose kernel has it; about 45 s), and the rest run by
/// hand (`lab run galera --target vm`; their times are in the guide). The other labs run their VMs through the local
/// target's suite.
/// </summary>
public sealed class VmConformanceFixture : ConformanceFixture, IConformanceScope
{
    private static readonly string[] InCi = ["latency-100ms"];

    protected override ILabTarget CreateTarget(LabCatalog catalog, LocalLayout layout) => new VmTarget(catalog, layout);

    public override string? WhyUnavailable => VmAvailability.WhyNot;

    protected override TimeSpan UpTimeout => TimeSpan.FromMinutes(25); // may first build the VM image

    static bool IConformanceScope.Covers(LabDefinition lab) => lab.Name == "galera";

    static bool IConformanceScope.Covers(LabDefinition lab, Scenario scenario) => InCi.Contains(scenario.Name);
}

/// <summary>Galera on QEMU VMs: the same scenarios as on namespaces, unchanged.</summary>
public sealed class VmConformanceTests(VmConformanceFixture fixture, ITestOutputHelper output)
    : LabConformanceTests<VmConformanceFixture>(fixture, output), IClassFixture<VmConformanceFixture>;
