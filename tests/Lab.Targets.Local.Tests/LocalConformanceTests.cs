using Lab.Conformance;
using Lab.Core.Loading;
using Lab.Core.Targets;
using Lab.Instances;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

public sealed class LocalConformanceFixture : ConformanceFixture
{
    protected override ILabTarget CreateTarget(LabCatalog catalog, LocalLayout layout) => new LocalTarget(catalog, layout);
}

/// <summary>Every lab's every scenario on the local target (namespaces on this machine).</summary>
public sealed class LocalConformanceTests(LocalConformanceFixture fixture, ITestOutputHelper output)
    : LabConformanceTests<LocalConformanceFixture>(fixture, output), IClassFixture<LocalConformanceFixture>;
