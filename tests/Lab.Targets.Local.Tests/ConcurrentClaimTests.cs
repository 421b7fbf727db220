using Lab.Core.Loading;
using Lab.Instances;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// Claims made at the same moment from different state roots (as parallel test runs or two LAB_STATE_DIRs do) share
/// only the machine's routing table: each must still get a subnet of its own, routed before anyone else chooses.
/// Before the machine-wide subnet lock, two of them could pick the same /24 and the later guard route failed with
/// "RTNETLINK answers: File exists".
/// </summary>
public sealed class ConcurrentClaimTests : IAsyncLifetime
{
    private readonly LabCatalog _catalog = LabCatalog.Locate();
    private readonly string _run = Guid.NewGuid().ToString("N")[..5];
    private readonly List<(LocalLayout Layout, string Root)> _roots = [];

    [Fact]
    public async Task Given_claims_from_four_state_roots_at_once_Then_each_gets_its_own_routed_subnet()
    {
        // Given four state roots, as four test processes would have
        for (var i = 0; i < 4; i++)
        {
            var root = Lab.Conformance.TestStateRoot.Create($"claim{i}-");
            _roots.Add((new LocalLayout(Path.Combine(root, "state"), "/run/lab/ns", LocalLayout.Default.CacheRoot), root));
        }

        // When each claims a galera instance at the same moment, with a guard route
        var claims = await Task.WhenAll(_roots.Select((r, i) => Task.Run(() => InstanceClaim.ClaimAsync(r.Layout,
            new ClaimRequest(_catalog.Load("galera"), $"cc{_run}{i}", "local", null, GuardRoute: true), CancellationToken.None))));

        // Then the subnets differ, and each is routed by the time its claim returned
        var subnets = claims.Select(c => c.Lab.Subnet.ToString()).ToList();
        Assert.Equal(subnets.Count, subnets.Distinct().Count());
        foreach (var subnet in subnets)
            Assert.True(await GuardRoute.ExistsAsync(subnet, CancellationToken.None), $"no unreachable route for {subnet} after its claim; claims: {string.Join(", ", subnets)}");
    }

    [Fact]
    public async Task Given_a_subnet_another_state_root_holds_When_claimed_as_fixed_with_a_guard_route_Then_it_is_refused_naming_the_route()
    {
        // Given an instance of one state root, with its guard route
        foreach (var i in new[] { 0, 1 })
        {
            var root = Lab.Conformance.TestStateRoot.Create($"fixed{i}-");
            _roots.Add((new LocalLayout(Path.Combine(root, "state"), "/run/lab/ns", LocalLayout.Default.CacheRoot), root));
        }
        var first = await InstanceClaim.ClaimAsync(_roots[0].Layout,
            new ClaimRequest(_catalog.Load("galera"), $"cf{_run}0", "local", null, GuardRoute: true), CancellationToken.None);

        // When another state root claims exactly that subnet as a fixed one (as a cloud program's payload proof would)
        var refused = await Assert.ThrowsAsync<Lab.Core.Errors.LabException>(() => InstanceClaim.ClaimAsync(_roots[1].Layout,
            new ClaimRequest(_catalog.Load("galera"), $"cf{_run}1", "machines", first.Lab.Subnet, GuardRoute: true), CancellationToken.None));

        // Then it is refused before anything is recorded, and the first keeps its route
        Assert.Contains($"{first.Lab.Subnet} is already routed", refused.Message);
        Assert.Empty(Reaper.ExistingInstances(_roots[1].Layout));
        Assert.True(await GuardRoute.ExistsAsync(first.Lab.Subnet.ToString(), CancellationToken.None));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var (layout, root) in _roots)
        {
            foreach (var instance in Reaper.ExistingInstances(layout)) await Reaper.DownAsync(layout, instance, CancellationToken.None);
            Directory.Delete(root, recursive: true);
        }
    }
}
