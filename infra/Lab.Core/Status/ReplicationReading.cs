using Lab.Core.Hosts;
using Lab.Core.Replication;

namespace Lab.Core.Status;

/// <summary>What `lab status` shows of one server of a replication lab: read_only, its GTID position and SHOW SLAVE STATUS.</summary>
public sealed record ReplicationReading(bool ReadOnly, GtidPosition CurrentPos, ReplicaStatus Replica)
{
    public const string PrimaryRole = "primary";
    public const string ReplicaRole = "replica";
    public const string DetachedRole = "detached";

    public bool IsReplica => Replica.Configured;

    /// <summary>Takes the application's writes: replicates from nobody and is not read_only.</summary>
    public bool Writable => !IsReplica && !ReadOnly;

    /// <summary>What the server is now, whatever its role in lab.yaml (a failover changes it).</summary>
    public string Role => IsReplica ? ReplicaRole : ReadOnly ? DetachedRole : PrimaryRole;

    /// <summary>The address its IO thread connects to (CHANGE MASTER TO MASTER_HOST), or empty.</summary>
    public string Source => Replica["Master_Host"];

    public string IoThread => Replica["Slave_IO_Running"];
    public string SqlThread => Replica["Slave_SQL_Running"];

    /// <summary>Seconds_Behind_Master, or null when the server does not know (NULL: a thread is stopped) or is no replica.</summary>
    public int? LagSeconds => int.TryParse(Replica["Seconds_Behind_Master"], out var s) ? s : null;

    public static async Task<ReplicationReading> ReadAsync(ILabHost host, CancellationToken ct)
    {
        var gtid = await GtidState.ReadAsync(host, ct);
        var replica = await ReplicaStatus.ReadAsync(host, ct);
        return new ReplicationReading(gtid.ReadOnly, gtid.CurrentPos, replica);
    }

    public override string ToString() => $"{Role}, read_only {(ReadOnly ? "ON" : "OFF")}, gtid {CurrentPos}" + (IsReplica ? $", {Replica}" : "");
}
