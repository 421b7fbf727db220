using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Targets;
using Lab.Instances;
using Lab.Targets.Local;

namespace Lab.Targets.Ssh.Tests;

/// <summary>
/// A local lab's guard route belongs to that instance alone: an ssh `up` on the same subnet is refused naming it, and
/// an ssh `up` that fails on another subnet cleans up without touching it. The ssh hosts are "reached" on loopback
/// port 1 (refused at once): no packet leaves the machine.
/// </summary>
public sealed class GuardRouteTests : IAsyncLifetime
{
    private readonly string _state = Lab.Conformance.TestStateRoot.Create("guard-");
    private readonly string _run = Guid.NewGuid().ToString("N")[..5];
    private readonly LabCatalog _catalog = LabCatalog.Locate();
    private LocalLayout Layout => new(Path.Combine(_state, "state"), "/run/lab/ns", LocalLayout.Default.CacheRoot);
    private string LocalName => $"gl{_run}";

    [Fact]
    public async Task Given_a_local_galera_lab_When_an_ssh_up_on_its_subnet_fails_Then_the_local_guard_route_is_still_there()
    {
        // Given a local galera lab with its guard route
        var local = await new LocalTarget(_catalog, Layout).UpAsync(new UpRequest(_catalog.Load("galera"), LocalName), _ => { }, CancellationToken.None);
        var subnet = local.Lab.Subnet;
        Assert.True(await GuardRoute.ExistsAsync(subnet.ToString(), CancellationToken.None), $"no unreachable route for {subnet} after the local up");
        var ssh = new SshTarget(_catalog, Layout);

        // When an ssh up names hosts on that very subnet
        var same = Inventory("same", subnet);
        var refused = await Assert.ThrowsAsync<SubnetInUseException>(() =>
            ssh.UpAsync(new UpRequest(_catalog.Load("galera"), $"gs{_run}", Inventory: same), _ => { }, CancellationToken.None));

        // Then it is refused naming the local instance, and nothing of it was claimed
        Assert.Contains($"'{LocalName}'", refused.Message);
        Assert.False(Directory.Exists(Layout.InstanceDir($"gs{_run}")), "the refused ssh instance left state behind");
        Assert.True(await GuardRoute.ExistsAsync(subnet.ToString(), CancellationToken.None), $"the refused ssh up removed the local lab's route for {subnet}");

        // When an ssh up on another subnet is claimed, cannot connect, and cleans up after itself
        var other = new Ipv4Subnet(subnet.Network + (100u << 8), subnet.PrefixLength);
        var failed = await Record.ExceptionAsync(() =>
            ssh.UpAsync(new UpRequest(_catalog.Load("galera"), $"go{_run}", Inventory: Inventory("other", other)), _ => { }, CancellationToken.None));

        // Then its failure names a host, and the local route is still there
        Assert.NotNull(failed);
        Assert.Contains("unreachable", failed!.Message);
        Assert.False(Directory.Exists(Layout.InstanceDir($"go{_run}")), "the failed ssh up left its instance behind");
        Assert.True(await GuardRoute.ExistsAsync(subnet.ToString(), CancellationToken.None), $"the failed ssh up removed the local lab's route for {subnet}");
    }

    /// <summary>Every host of the galera lab at its address in <paramref name="subnet"/>, reached at 127.0.0.1:1 (nothing listens).</summary>
    private string Inventory(string name, Ipv4Subnet subnet)
    {
        var lab = _catalog.Load("galera").MovedTo(subnet);
        var lines = new List<string> { "lab: galera", "hosts:" };
        foreach (var h in lab.Hosts)
            lines.AddRange([$"  {h.Name}:", "    address: 127.0.0.1", $"    labAddress: {h.Address}", "    port: 1", "    user: root"]);
        var file = Path.Combine(_state, $"{name}.yaml");
        File.WriteAllText(file, string.Join("\n", lines) + "\n");
        return file;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await new LocalTarget(_catalog, Layout).DownAsync(LocalName, CancellationToken.None);
        foreach (var leftover in Reaper.ExistingInstances(Layout)) await Reaper.DownAsync(Layout, leftover, CancellationToken.None);
        Directory.Delete(_state, recursive: true);
    }
}
