using MySqlConnector;
using Polly;

namespace GaleraRetry.Orders;

/// <summary>
/// Writes orders over one long-lived connection, as many applications do, through the cluster's entry (HAProxy).
/// When the node under it fails, the write is retried on a new connection, which the proxy gives to a node that is
/// still in the cluster. A retried write can never land twice: each order carries its own reference, and a retry that
/// finds it already there (1062) knows the earlier attempt landed and its answer was lost with the connection.
/// </summary>
public sealed class OrderWriter(string connectionString, ResiliencePipeline? retry = null) : IAsyncDisposable
{
    private readonly ResiliencePipeline _retry = retry ?? RetryPolicy.ForGaleraFailover();
    private MySqlConnection? _connection;

    /// <summary>Attempts that failed and were retried, over the writer's life.</summary>
    public int Retries { get; private set; }

    /// <summary>Writes that found their order already written by an earlier attempt (its reply was lost).</summary>
    public int AlreadyWritten { get; private set; }

    /// <summary>Writes the order; returns once the cluster acknowledged it (committed), whatever failed on the way.</summary>
    public async Task WriteAsync(Order order, CancellationToken ct = default)
    {
        var attempt = 0;
        await _retry.ExecuteAsync(async token =>
        {
            if (attempt++ > 0) Retries++;
            try
            {
                var connection = await ConnectionAsync(token);
                await using var insert = new MySqlCommand(
                    $"INSERT INTO {OrderSchema.Table} (reference, customer, amount, written_on) VALUES (@reference, @customer, @amount, @@hostname)", connection);
                insert.Parameters.AddWithValue("@reference", order.Reference.ToString());
                insert.Parameters.AddWithValue("@customer", order.Customer);
                insert.Parameters.AddWithValue("@amount", order.Amount);
                await insert.ExecuteNonQueryAsync(token);
            }
            catch (MySqlException e) when (attempt > 1 && GaleraErrors.IsDuplicateOf(e, order.Reference.ToString()))
            {
                AlreadyWritten++;
            }
            catch (Exception e) when (GaleraErrors.IsTransient(e))
            {
                // The connection may point at a dead or non-Primary node: the next attempt asks the proxy for a new one.
                await DropConnectionAsync();
                throw;
            }
        }, ct);
    }

    /// <summary>The node this writer's connection is on now (SELECT @@hostname), opening one if needed.</summary>
    public async Task<string> CurrentNodeAsync(CancellationToken ct = default)
    {
        await using var command = new MySqlCommand("SELECT @@hostname", await ConnectionAsync(ct));
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    public async ValueTask DisposeAsync() => await DropConnectionAsync();

    private async Task<MySqlConnection> ConnectionAsync(CancellationToken ct)
    {
        if (_connection is { State: System.Data.ConnectionState.Open }) return _connection;
        await DropConnectionAsync();
        // No pool: a pooled connection to the failed node would be handed out again.
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return _connection = connection;
    }

    private async Task DropConnectionAsync()
    {
        if (_connection is null) return;
        await _connection.DisposeAsync();
        _connection = null;
    }
}
