using Lab.Core.Hosts;
using Lab.Core.Sql;

namespace Lab.Core.Galera;

/// <summary>
/// Ends what a finished scenario left open on a database node: every client connection but the server's own threads
/// (Galera appliers run as 'system user', the event scheduler, replication threads), and a manual wsrep_desync. A
/// connection that holds FLUSH TABLES WITH READ LOCK keeps its node Donor/Desynced for as long as it lives; ending it
/// releases the lock and the node catches up by itself.
/// </summary>
public static class LeftoverSessions
{
    /// <summary>The client connections to end, never the one asking.</summary>
    public const string ClientConnections =
        "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND USER NOT IN ('system user', 'event_scheduler') " +
        "AND COMMAND NOT IN ('Daemon', 'Binlog Dump', 'Binlog Dump GTID', 'Slave_IO', 'Slave_SQL', 'Slave_worker')";

    /// <summary>What was done on one host.</summary>
    public sealed record Ended(int Connections, bool DesyncTurnedOff);

    public static async Task<Ended> EndAsync(ILabHost host, CancellationToken ct)
    {
        var ids = await host.QueryAsync(ClientConnections, timeout: TimeSpan.FromSeconds(10), ct: ct);
        if (!ids.Ok) throw new SqlException(host.Name, ClientConnections, ids);
        var kills = ids.Rows.Where(r => r.Length > 0 && long.TryParse(r[0], out _)).Select(r => $"KILL CONNECTION {r[0]};").ToList();
        // --force: a connection that ended meanwhile (ERROR 1094) must not keep the others alive.
        if (kills.Count > 0) await host.QueryAsync(string.Join('\n', kills), "--force", TimeSpan.FromSeconds(10), ct);
        var desync = await host.QueryAsync("SELECT @@global.wsrep_desync", timeout: TimeSpan.FromSeconds(10), ct: ct);
        var turnOff = desync.Scalar is "1" or "ON";
        if (turnOff) await host.ExecuteAsync("SET GLOBAL wsrep_desync=OFF", ct);
        return new Ended(kills.Count, turnOff);
    }
}
