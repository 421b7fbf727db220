using Lab.Conformance;
using Lab.Core.Loading;
using Lab.Core.Targets;
using Lab.Instances;
using Xunit.Abstractions;

namespace Lab.Targets.Vm.Tests;

public sealed class VmConformanceFixture : ConformanceFixture
{
    protected override ILabTarget CreateTarget(LabCatalog catalog, LocalLayout layout) => new VmTarget(catalog, layout);

    public override string? WhyUnavailable => VmAvailability.WhyNot;

    /// <summary>The first up may build two images (debootstrap, then the kernel layer) and boots five VMs under emulation.</summary>
    protected override TimeSpan UpTimeout => TimeSpan.FromMinutes(25);
}

/// <summary>One set of booted VMs for every vm test class: under emulation a boot costs minutes.</summary>
[CollectionDefinition(Name)]
public sealed class VmCollection : ICollectionFixture<VmConformanceFixture>
{
    public const string Name = "vm";
}

/// <summary>
/// The galera lab's every scenario on real VMs, unchanged from the other targets. Only galera: under software
/// emulation every lab's every scenario would take most of an hour; the other labs' bring-up steps are the same
/// plan the machines target runs for them.
/// </summary>
[Collection(VmCollection.Name)]
[TestCaseOrderer(LabScenarioOrderer.TypeName, LabScenarioOrderer.Assembly)]
public sealed class VmConformanceTests(VmConformanceFixture fixture, ITestOutputHelper output)
    : ConformanceCases<VmConformanceFixture>(fixture, output)
{
    [Theory]
    [MemberData(nameof(LabConformanceTests<VmConformanceFixture>.CasesOfLab), "galera", MemberType = typeof(LabConformanceTests<VmConformanceFixture>))]
    public Task Every_galera_scenario_passes_on_vms(string lab, string scenario, int index) => RunCaseAsync(lab, scenario, index);
}
