using Lab.Core.Hosts;
using Lab.Core.Services;

namespace Lab.Core.Status.Health;

/// <summary>
/// Binlog replication as the lab builds it: exactly one server takes writes, and every other one replicates from it
/// with both threads running, read_only, not far behind. Judged on what the servers say now, so it holds after a
/// failover too (the primary is whichever server is writable, not the host lab.yaml calls primary).
/// </summary>
public sealed class ReplicationHealth : IHealthRule
{
    /// <summary>Seconds_Behind_Master beyond which a replica counts as lagging: its reads are stale, and a failover to it waits.</summary>
    public const int MaxLagSeconds = 30;

    public string Demands => "one writable primary, every replica's IO and SQL threads running from it";

    public IEnumerable<HealthProblem> Check(LabStatus status, LabCommands commands)
    {
        var servers = status.Hosts.Where(h => h.Replication is not null).ToList();
        foreach (var server in servers)
            if (ServerSilence.Check(server, server.Replication!.Missing, commands) is { } silent) yield return silent;
        var answered = servers.Where(s => s.Replication!.Ok).Select(s => (Host: s, Reading: s.Replication!.Value)).ToList();
        var everyoneAnswered = answered.Count == servers.Count;
        var writable = answered.Where(s => s.Reading.Writable).Select(s => s.Host).ToList();

        // The primary: the only writable server, or among several the one clients are sent to (the VIP), else the first.
        var primary = writable.Count == 1 ? writable[0]
            : writable.FirstOrDefault(w => status.VipHolders.Contains(w.Name)) ?? writable.FirstOrDefault();
        if (primary is null && everyoneAnswered && MostAdvanced(status) is { } best)
            yield return new HealthProblem(best.Name, "no server takes writes: every one is read_only or a replica; this one is the most up to date",
                commands.Sql(best.Name, Promotion));
        foreach (var other in writable.Where(w => w != primary))
            yield return new HealthProblem(other.Name, $"takes writes as {primary!.Name} does (read_only OFF, replicates from nobody): two primaries",
                commands.Recreate, About: primary.Name);

        foreach (var (host, r) in answered.Where(s => s.Reading.IsReplica))
        {
            var source = status.Hosts.FirstOrDefault(h => h.Address == r.Source);
            var sourceName = source?.Name ?? r.Source;
            if (r.IoThread != "Yes" || r.SqlThread != "Yes")
                // Only the IO thread talks to the source: a stopped SQL thread is this server's own business.
                yield return new HealthProblem(host.Name, $"IO thread {r.IoThread}, SQL thread {r.SqlThread}", NextForThreads(host, r, source, commands),
                    About: r.IoThread != "Yes" ? source?.Name : null) { Detail = Errors(r) };
            else if (primary is not null && source != primary)
                yield return new HealthProblem(host.Name, $"replicates from {sourceName}, not from the primary {primary.Name}",
                    commands.Sql(host.Name, $"STOP SLAVE; CHANGE MASTER TO MASTER_HOST='{primary.Address}'; START SLAVE"), About: primary.Name);
            else if (r.LagSeconds > MaxLagSeconds)
                yield return new HealthProblem(host.Name, $"{r.LagSeconds} s behind {sourceName} (Seconds_Behind_Master)", commands.Watch, About: source?.Name);
            if (!r.ReadOnly)
                yield return new HealthProblem(host.Name, "read_only OFF on a replica: a write here reaches no other server",
                    commands.Sql(host.Name, "SET GLOBAL read_only=ON"));
        }
        if (primary is not null)
            foreach (var (host, _) in answered.Where(s => s.Reading.Role == ReplicationReading.DetachedRole))
                yield return new HealthProblem(host.Name, $"replicates from nobody and takes no writes (read_only ON): {primary.Name}'s changes never reach it",
                    commands.Recreate, About: primary.Name);
    }

    /// <summary>The MHA step that makes a server the primary (what ReplicationOperations.PromoteAsync runs).</summary>
    public const string Promotion = "STOP SLAVE; RESET SLAVE ALL; SET GLOBAL read_only=OFF";

    /// <summary>MHA's choice of a new primary: the answering server that has seen the most transactions (null: none answered).</summary>
    public static HostStatus? MostAdvanced(LabStatus status) =>
        status.Hosts.Where(h => h.Replication is { Ok: true }).OrderByDescending(h => h.Replication!.Value.CurrentPos.Total).FirstOrDefault();

    private static string? Errors(ReplicationReading r)
    {
        var errors = new List<string>();
        if (r.Replica["Last_IO_Errno"] is { Length: > 0 } io && io != "0") errors.Add($"Last_IO_Error {io}: {r.Replica["Last_IO_Error"]}");
        if (r.Replica["Last_SQL_Errno"] is { Length: > 0 } sql && sql != "0") errors.Add($"Last_SQL_Error {sql}: {r.Replica["Last_SQL_Error"]}");
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }

    private static string NextForThreads(HostStatus host, ReplicationReading r, HostStatus? source, LabCommands commands)
    {
        // The source is down: nothing to fetch until it runs again (the IO thread retries every second).
        if (source?.Service(ServiceCatalog.MariaDb) is { State: not ServiceState.Running } sourceServer)
            return sourceServer.State == ServiceState.Paused ? commands.Resume(source, sourceServer) : commands.Start(source, ServiceCatalog.MariaDb);
        if (r.Replica["Last_SQL_Errno"] is { Length: > 0 } sql && sql != "0")
            return commands.Sql(host.Name, "SHOW SLAVE STATUS");
        // Stopped by hand (STOP SLAVE [IO_THREAD|SQL_THREAD]): start what is stopped.
        if (r.IoThread == "No" || r.SqlThread == "No")
            return commands.Sql(host.Name, "START SLAVE");
        return commands.Watch;
    }
}
