namespace Lab.Core.Replication;

/// <summary>Where a replica starts reading when it is attached to a source.</summary>
public enum AttachStart
{
    /// <summary>From its own gtid_slave_pos: what it already applied (repointing after a failover).</summary>
    Keep,
    /// <summary>From the source's current position, without copying its data first: the seeds' warning case.</summary>
    Current,
    /// <summary>From a consistent copy: mariadb-dump --single-transaction --gtid --master-data of the source, loaded first.</summary>
    Copy,
}
