using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Core.Replication;

/// <summary>
/// The SQL an operator types to build and change a replication topology, on any target: attach a replica to a
/// source (optionally from a consistent copy), promote a replica, wait for one to catch up. What they did is said in
/// <paramref name="language"/>.
/// </summary>
public sealed class ReplicationOperations(LabInstance instance, Until until, Language language = Language.En)
{
    public static readonly string[] SystemSchemas = ["mysql", "information_schema", "performance_schema", "sys"];

    /// <summary>
    /// --single-transaction + --master-data: one consistent snapshot and the binlog position it corresponds to;
    /// --gtid writes that position as SET GLOBAL gtid_slave_pos, so the replica asks for exactly what follows.
    /// (Shared with the Azure program, which runs the same copy from the replica.)
    /// </summary>
    public const string DumpOptions = "--single-transaction --gtid --master-data=1 --routines --events --triggers";

    /// <summary>MASTER_CONNECT_RETRY=1: after a failover or a restart of the source the IO thread reconnects within a second.</summary>
    public static string ChangeMasterSql(string sourceAddress, string password) =>
        $"CHANGE MASTER TO MASTER_HOST='{sourceAddress}', MASTER_PORT=3306, MASTER_USER='repl', " +
        $"MASTER_PASSWORD='{password.Replace("'", "''")}', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1";

    /// <summary>Makes <paramref name="replica"/> replicate from <paramref name="source"/> by GTID; returns what was done.</summary>
    public async Task<string> AttachAsync(ILabHost replica, ILabHost source, AttachStart start, CancellationToken ct)
    {
        await replica.ExecuteAsync("STOP SLAVE; RESET SLAVE ALL", ct);
        var how = start switch
        {
            AttachStart.Copy => await LoadCopyAsync(replica, source, ct),
            AttachStart.Current => await StartAtCurrentAsync(replica, source, ct),
            _ => EngineText.Replication.FromOwnPosition.In(language, (await GtidState.ReadAsync(replica, ct)).SlavePos.ToString()),
        };
        await replica.ExecuteAsync(ChangeMasterSql(source.Definition.Address, instance.Secrets["repl_password"]) + "; START SLAVE", ct);
        return EngineText.Replication.Attached.In(language, replica.Name, source.Name, source.Definition.Address, how);
    }

    private async Task<string> StartAtCurrentAsync(ILabHost replica, ILabHost source, CancellationToken ct)
    {
        var position = (await GtidState.ReadAsync(source, ct)).BinlogPos;
        await replica.ExecuteAsync($"SET GLOBAL gtid_slave_pos = '{position}'", ct);
        return EngineText.Replication.AtCurrentPosition.In(language, source.Name, position.ToString());
    }

    /// <summary>Dumps the source's databases with the GTID position they match, and loads them on the replica.</summary>
    private async Task<string> LoadCopyAsync(ILabHost replica, ILabHost source, CancellationToken ct)
    {
        var schemas = await source.QueryAsync("SELECT schema_name FROM information_schema.schemata", ct: ct);
        if (!schemas.Ok) throw new SqlException(source.Name, "list databases", schemas);
        var databases = schemas.Rows.Select(r => r[0]).Where(d => !SystemSchemas.Contains(d)).Order(StringComparer.Ordinal).ToList();
        if (databases.Count == 0)
            throw new Lab.Core.Errors.LabException($"{source.Name} has no database to copy (create one first)");
        var dumpCommand = $"mariadb-dump {DumpOptions} --databases " +
                          string.Join(' ', databases.Select(d => $"'{d}'"));
        var dump = await source.RunAsync(dumpCommand, timeout: TimeSpan.FromMinutes(2), ct: ct);
        if (!dump.Ok) throw new HostCommandException(source.Name, dumpCommand, dump);
        // Loaded without binlogging on the replica: the copy is the source's history, not new transactions of its own.
        var load = await replica.RunAsync("mariadb", "SET SESSION sql_log_bin=0;\n" + dump.Stdout, TimeSpan.FromMinutes(2), ct);
        if (!load.Ok) throw new HostCommandException(replica.Name, "mariadb < dump", load);
        var position = (await GtidState.ReadAsync(replica, ct)).SlavePos;
        return EngineText.Replication.FromCopy.In(language, string.Join(", ", databases), dump.Stdout.Length / 1024.0, position.ToString());
    }

    /// <summary>The MHA step that makes a replica the primary: forget its source and accept writes.</summary>
    public static async Task<string> PromoteAsync(ILabHost host, CancellationToken ct, Language language = Language.En)
    {
        await host.ExecuteAsync("STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only = OFF", ct);
        return EngineText.Replication.Promoted.In(language, host.Name, (await GtidState.ReadAsync(host, ct)).ToString());
    }

    /// <summary>Waits until the replica's gtid_slave_pos has reached <paramref name="received"/> (what its IO thread fetched).</summary>
    public async Task<TimeSpan> WaitAppliedAsync(ILabHost replica, GtidPosition received, TimeSpan timeout, CancellationToken ct)
    {
        var (_, elapsed) = await until.HoldsAsync($"{replica.Name}: relay log applied up to {received}", async c =>
        {
            var applied = (await GtidState.ReadAsync(replica, c)).SlavePos;
            return new ProbeResult(applied.Behind(received) == 0, $"received {received}, applied {applied}");
        }, new WaitPolicy(timeout, TimeSpan.FromMilliseconds(50)), ct);
        return elapsed;
    }

    /// <summary>Waits until each replica's IO and SQL threads run and it has applied all its source has.</summary>
    public async Task WaitReplicatingAsync(IReadOnlyList<ILabHost> replicas, ILabHost source, TimeSpan timeout, CancellationToken ct)
    {
        await until.HoldsAsync($"{string.Join(", ", replicas.Select(r => r.Name))} replicating from {source.Name} and caught up", async c =>
        {
            var target = (await GtidState.ReadAsync(source, c)).BinlogPos;
            var seen = new List<string>();
            var ok = true;
            foreach (var r in replicas)
            {
                var status = await ReplicaStatus.ReadAsync(r, c);
                var applied = (await GtidState.ReadAsync(r, c)).CurrentPos;
                ok &= status.BothThreadsRunning && applied.Behind(target) == 0;
                seen.Add($"{r.Name}: {status}, applied {applied}");
            }
            return new ProbeResult(ok, $"{source.Name} at {target}; " + string.Join("; ", seen));
        }, new WaitPolicy(timeout, TimeSpan.FromMilliseconds(50)), ct);
    }
}
