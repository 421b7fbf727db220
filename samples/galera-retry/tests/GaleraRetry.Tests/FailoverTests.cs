using GaleraRetry.Orders;
using MySqlConnector;
using Xunit.Abstractions;

namespace GaleraRetry.Tests;

/// <summary>
/// The order writer against a real Galera cluster: the node its connection is on is killed while it writes, and
/// every order it acknowledged must be in the cluster exactly once, with none left unwritten.
/// </summary>
public sealed class FailoverTests(GaleraClusterFixture cluster, ITestOutputHelper output) : IClassFixture<GaleraClusterFixture>, IAsyncLifetime
{
    private const int Orders = 200;
    private const int KillAfter = 40;

    private readonly string _database = "shop" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        await cluster.Lab.WaitHealthyAsync();
        await using var connection = new MySqlConnection(cluster.Lab.ConnectionString());
        await connection.OpenAsync();
        await new MySqlCommand($"CREATE DATABASE {_database}", connection).ExecuteNonQueryAsync();
        await OrderSchema.CreateAsync(ConnectionString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Given_writes_through_HAProxy_When_the_node_under_the_connection_is_killed_Then_every_order_lands_exactly_once()
    {
        await using var writer = new OrderWriter(ConnectionString(), RetryPolicy.ForGaleraFailover(onRetry: cluster.Say));
        var victim = await writer.CurrentNodeAsync();
        var acknowledged = new List<Guid>();

        // The kill lands while writes are in flight: one of them may have committed with its reply lost.
        using var writingEnded = new CancellationTokenSource();
        var killed = false;
        var kill = Task.Run(async () =>
        {
            while (Volatile.Read(ref _acknowledgedCount) < KillAfter) await Task.Delay(5, writingEnded.Token);
            cluster.Say($"killing {victim}, the node under the writer's connection, after {_acknowledgedCount} orders");
            killed = true;
            await cluster.Lab.Host(victim).KillAsync();
        });
        try
        {
            for (var i = 0; i < Orders; i++)
            {
                var order = new Order(Guid.NewGuid(), $"customer-{i % 7}", 10 + i);
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                await writer.WriteAsync(order, limit.Token);
                acknowledged.Add(order.Reference);
                Interlocked.Increment(ref _acknowledgedCount);
            }
            await kill;

            Assert.True(writer.Retries > 0, $"the kill of {victim} should have made the writer retry; it never did, so the test proved nothing\n{cluster.Log()}");
            // Read on a node that stayed up, after it applied everything it had received (causal read).
            var survivor = new[] { "db1", "db2", "db3" }.First(n => n != victim);
            await using var check = new MySqlConnection(cluster.Lab.ConnectionString(survivor, _database));
            await check.OpenAsync();
            await new MySqlCommand("SET SESSION wsrep_sync_wait=1", check).ExecuteNonQueryAsync();
            var stored = new List<Guid>(); // CHAR(36) reads as a Guid in MySqlConnector
            var nodes = new HashSet<string>();
            await using (var reader = await new MySqlCommand($"SELECT reference, written_on FROM {OrderSchema.Table}", check).ExecuteReaderAsync())
                while (await reader.ReadAsync())
                {
                    stored.Add(reader.GetGuid(0));
                    nodes.Add(reader.GetString(1));
                }

            Assert.Equal(Orders, acknowledged.Count);
            Assert.Equal(Orders, stored.Count);
            Assert.Equal(acknowledged.Order(), stored.Order());
            // The writes did move: some were taken by the killed node, the rest by another one.
            Assert.Contains(victim, nodes);
            Assert.True(nodes.Count >= 2, $"every order was written on {string.Join(", ", nodes)}: the writer never moved off {victim}");
            output.WriteLine($"{Orders} orders, {victim} killed after {KillAfter}: {writer.Retries} retried attempts, {writer.AlreadyWritten} found already written, " +
                             $"written on {string.Join(", ", nodes.Order())}\n{cluster.Log()}");
        }
        finally
        {
            await writingEnded.CancelAsync();
            try { await kill; } catch (OperationCanceledException) { /* the writer failed before the kill */ }
            // Given back for the next test: the killed node rejoins (IST) and serves again.
            if (killed) await cluster.Lab.Host(victim).StartAsync();
            await cluster.Lab.WaitHealthyAsync();
        }
    }

    [Fact]
    public async Task Given_an_order_the_database_refuses_Then_it_fails_at_once_without_retries()
    {
        await using var writer = new OrderWriter(ConnectionString());

        var e = await Assert.ThrowsAsync<MySqlException>(() => writer.WriteAsync(new Order(Guid.NewGuid(), "nobody", -5m)));

        Assert.Contains("CONSTRAINT", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, writer.Retries);
    }

    private int _acknowledgedCount;

    private string ConnectionString() =>
        new MySqlConnectionStringBuilder(cluster.Lab.ConnectionString(database: _database)) { ConnectionTimeout = 5, DefaultCommandTimeout = 30 }.ConnectionString;
}
