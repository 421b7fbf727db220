using Lab.Core.Hosts;
using Lab.Core.Sql;

namespace Lab.Core.Replication;

/// <summary>A server's GTID variables: what it applied as a replica, what its binlog holds, and their union.</summary>
public sealed record GtidState(string Host, GtidPosition SlavePos, GtidPosition BinlogPos, GtidPosition CurrentPos, bool ReadOnly)
{
    public static async Task<GtidState> ReadAsync(ILabHost host, CancellationToken ct)
    {
        var r = await host.QueryAsync("SELECT @@gtid_slave_pos, @@gtid_binlog_pos, @@gtid_current_pos, @@global.read_only", timeout: TimeSpan.FromSeconds(10), ct: ct);
        if (!r.Ok || r.Rows.Count == 0) throw new SqlException(host.Name, "SELECT @@gtid_*", r);
        var row = r.Rows[0];
        return new GtidState(host.Name, GtidPosition.Parse(row[0]), GtidPosition.Parse(row[1]), GtidPosition.Parse(row[2]), row[3] == "1");
    }

    public override string ToString() => $"{Host}: gtid_slave_pos {SlavePos}, gtid_binlog_pos {BinlogPos}, read_only {(ReadOnly ? "ON" : "OFF")}";
}
