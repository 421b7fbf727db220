using Lab.Core.Hosts;
using Lab.Core.Sql;

namespace Lab.Core.Replication;

/// <summary>SHOW SLAVE STATUS of one server, by column name; empty when the server replicates from nobody.</summary>
public sealed record ReplicaStatus(IReadOnlyDictionary<string, string> Columns)
{
    public bool Configured => Columns.Count > 0;

    public string this[string column] => Columns.TryGetValue(column, out var v) ? v : "";

    public bool BothThreadsRunning => this["Slave_IO_Running"] == "Yes" && this["Slave_SQL_Running"] == "Yes";

    public GtidPosition Received => GtidPosition.Parse(this["Gtid_IO_Pos"]);

    public static async Task<ReplicaStatus> ReadAsync(ILabHost host, CancellationToken ct)
    {
        // Column names on (the client's -N is undone by --column-names): the first row names the fields.
        var result = await host.QueryAsync("SHOW SLAVE STATUS", "--column-names", TimeSpan.FromSeconds(10), ct);
        if (!result.Ok) throw new SqlException(host.Name, "SHOW SLAVE STATUS", result);
        if (result.Rows.Count < 2) return new ReplicaStatus(new Dictionary<string, string>());
        var names = result.Rows[0];
        var values = result.Rows[1];
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < names.Length && i < values.Length; i++) columns[names[i]] = values[i];
        return new ReplicaStatus(columns);
    }

    public override string ToString() => !Configured ? "not a replica"
        : $"IO {this["Slave_IO_Running"]}, SQL {this["Slave_SQL_Running"]}, Seconds_Behind_Master {this["Seconds_Behind_Master"]}, " +
          $"state \"{this["Slave_IO_State"]}\", received {this["Gtid_IO_Pos"]}" +
          (this["Last_IO_Errno"] is { Length: > 0 } io && io != "0" ? $", Last_IO_Error {io}: {this["Last_IO_Error"]}" : "") +
          (this["Last_SQL_Errno"] is { Length: > 0 } sq && sq != "0" ? $", Last_SQL_Error {sq}: {this["Last_SQL_Error"]}" : "");
}
