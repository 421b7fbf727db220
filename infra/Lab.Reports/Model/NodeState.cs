namespace Lab.Reports.Model;

/// <summary>What a node was doing, as the report colours it.</summary>
public enum NodeCondition
{
    /// <summary>Galera: Primary and Synced.</summary>
    Synced,
    /// <summary>Galera: Joiner or Joined, receiving a state transfer or catching up.</summary>
    Joining,
    /// <summary>Galera: Donor or Desynced, sending a state transfer.</summary>
    Donor,
    /// <summary>Galera: running but not in a Primary component (quorum lost).</summary>
    NonPrimary,
    /// <summary>Replication: the writable server.</summary>
    Writable,
    /// <summary>Replication: replicating from another server (DRBD: Secondary).</summary>
    Replica,
    /// <summary>Replication: read_only and replicating from nobody.</summary>
    Detached,
    /// <summary>The server's process is not running.</summary>
    Down,
    /// <summary>The server's process is stopped by SIGSTOP.</summary>
    Paused,
    /// <summary>Running, but its state could not be read.</summary>
    NoAnswer,
    /// <summary>Any other state the server names (Initialized, ...): shown with its own word.</summary>
    Other,
    /// <summary>The virtual IP's row: held by exactly one host (the word names it).</summary>
    VipHeld,
    /// <summary>The virtual IP's row: nobody holds it.</summary>
    VipNone,
    /// <summary>The virtual IP's row: several hosts hold it at once (split brain).</summary>
    VipSplit,
}

/// <summary>A node's state at one look: its condition and the server's own word for it (Synced, Joiner, non-Primary...), if any.</summary>
public sealed record NodeState(NodeCondition Condition, string Word = "");
