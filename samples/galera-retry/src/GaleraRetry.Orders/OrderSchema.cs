using MySqlConnector;

namespace GaleraRetry.Orders;

/// <summary>The application's table. Galera needs a primary key on every table it replicates well (row-based certification).</summary>
public static class OrderSchema
{
    public const string Table = "orders";

    public static async Task CreateAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new MySqlCommand($"""
            CREATE TABLE IF NOT EXISTS {Table} (
              id BIGINT AUTO_INCREMENT PRIMARY KEY,
              reference CHAR(36) NOT NULL UNIQUE,   -- the idempotency key: a retried insert of the same order fails with 1062
              customer VARCHAR(64) NOT NULL,
              amount DECIMAL(10,2) NOT NULL CHECK (amount > 0),
              written_on VARCHAR(64) NOT NULL       -- @@hostname: which node took the write
            )
            """, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
