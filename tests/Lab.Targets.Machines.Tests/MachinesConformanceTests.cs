using Lab.Conformance;
using Lab.Core.Loading;
using Lab.Core.Targets;
using Lab.Instances;
using Lab.Targets.Machines;
using Xunit.Abstractions;

namespace Lab.Targets.Machines.Tests;

/// <summary>
/// The labs whose hosts are all containers here: a lab with VM hosts (lvs, ha-drbd) runs the same VMs as on the local
/// target, which proves it (see IConformanceScope); nor a scenario impairing containers while this kernel has no netem.
/// </summary>
public sealed class MachinesConformanceFixture : ConformanceFixture, IConformanceScope
{
    static bool IConformanceScope.Covers(Lab.Core.Model.LabDefinition lab) => !lab.Hosts.Any(h => h.MustBeVm || h.KernelFeatures.Count > 0);

    protected override ILabTarget CreateTarget(LabCatalog catalog, LocalLayout layout) => new MachinesTarget(catalog, layout);

    public override string? WhyUnavailable => MachinesAvailability.WhyNot;

    /// <summary>The first up may build the Debian image (debootstrap, 1-3 minutes).</summary>
    protected override TimeSpan UpTimeout => TimeSpan.FromMinutes(15);
}

/// <summary>Every lab's every scenario on systemd-nspawn machines driven over SSH, unchanged from the local target.</summary>
public sealed class MachinesConformanceTests(MachinesConformanceFixture fixture, ITestOutputHelper output)
    : LabConformanceTests<MachinesConformanceFixture>(fixture, output), IClassFixture<MachinesConformanceFixture>;

/// <summary>What only the machines target promises: real systemd inside, and still no route from the machine into the lab.</summary>
public sealed class MachinesHostTests(MachinesConformanceFixture fixture) : IClassFixture<MachinesConformanceFixture>
{
    [Fact]
    public async Task Given_a_machines_lab_Then_services_are_systemd_units_and_the_root_namespace_has_no_route_into_it()
    {
        var (lab, _, _) = await fixture.PrepareAsync("replication", _ => { }, CancellationToken.None);

        var unit = await lab.Host("primary").RunAsync("systemctl show -p ActiveState --value mariadb.service; cat /proc/1/comm");
        Assert.Equal("active\nsystemd", unit.Stdout.Trim());
        var route = await ProcessRunner.RunAsync("ip", ["route", "get", lab.Lab.Host("primary").Address]);
        Assert.False(route.Ok && !route.Stdout.Contains("unreachable"), $"the root namespace routes to the lab: {route.Stdout}");
    }
}
