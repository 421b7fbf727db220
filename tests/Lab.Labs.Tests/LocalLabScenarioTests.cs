using Lab.Labs.Tests.Support;

namespace Lab.Labs.Tests;

/// <summary>
/// Every scenario of a lab, run by `lab run` on the local target (root: it creates namespaces). Each scenario starts
/// from a fresh instance; the instance is removed at the end and again, whatever happened, by the fixture.
/// </summary>
// One collection: the two labs run one after the other, so neither's timings (lag, semi-sync stall) compete for the CPU.
[Collection("local labs")]
[Trait("Category", "Integration")]
public sealed class ReplicationLabTests : IAsyncLifetime
{
    private readonly LabRun _run = new("replication");

    [Fact]
    public async Task Every_replication_scenario_passes_on_the_local_target()
    {
        var (exit, output) = await _run.RunAsync("run", "replication", "--instance", _run.Instance);

        Assert.True(exit == 0, output);
        Assert.Contains("4 passed, 0 failed", output);
        // The semi-sync stall is measured: the INSERT with no replica took about the 2 s timeout.
        Assert.Matches(@"took [2-5]\.\d{3}s", output);
    }

    public Task InitializeAsync() => _run.InitializeAsync();
    public Task DisposeAsync() => _run.DisposeAsync();
}

[Collection("local labs")]
[Trait("Category", "Integration")]
public sealed class FailoverLabTests : IAsyncLifetime
{
    private readonly LabRun _run = new("failover");

    [Fact]
    public async Task Every_failover_scenario_passes_on_the_local_target()
    {
        var (exit, output) = await _run.RunAsync("run", "failover", "--instance", _run.Instance);

        Assert.True(exit == 0, output);
        Assert.Contains("3 passed, 0 failed", output);
        Assert.Contains("none lost", output);
    }

    public Task InitializeAsync() => _run.InitializeAsync();
    public Task DisposeAsync() => _run.DisposeAsync();
}
