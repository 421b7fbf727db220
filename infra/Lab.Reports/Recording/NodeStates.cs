using Lab.Core.Hosts;
using Lab.Core.Services;
using Lab.Core.Status;
using Lab.Reports.Model;

namespace Lab.Reports.Recording;

/// <summary>Turns one reading of the lab (what `lab status` reads) into the report's rows: each database node's state, and who holds the VIP.</summary>
public static class NodeStates
{
    /// <summary>The name of the virtual IP's row.</summary>
    public const string VipRow = "VIP";

    public static IReadOnlyDictionary<string, NodeState> From(LabStatus status)
    {
        var states = new Dictionary<string, NodeState>();
        foreach (var host in status.Hosts)
            if (Of(host) is { } state) states[host.Name] = state;
        if (status.Aspects.VirtualIp is not null)
            states[VipRow] = status.VipHolders switch
            {
                [] => new NodeState(NodeCondition.VipNone),
                [var one] => new NodeState(NodeCondition.VipHeld, one),
                var many => new NodeState(NodeCondition.VipSplit, string.Join(" + ", many)),
            };
        return states;
    }

    /// <summary>A database node's state, or null for a host that is none (HAProxy, the client).</summary>
    public static NodeState? Of(HostStatus host)
    {
        if (host.Galera is { } galera)
            return Down(host, galera.Missing) ?? Galera(galera.Value.ClusterStatus, galera.Value.LocalStateComment);
        if (host.Replication is { } replication)
            return Down(host, replication.Missing) ?? (replication.Value.Writable ? new NodeState(NodeCondition.Writable, "primary")
                : replication.Value.IsReplica ? new NodeState(NodeCondition.Replica, "replica") : new NodeState(NodeCondition.Detached, "read_only"));
        if (host.Drbd is { } drbd)
            return !drbd.Ok ? new NodeState(NodeCondition.NoAnswer)
                : drbd.Value.IsPrimary ? new NodeState(NodeCondition.Writable, drbd.Value.Role) : new NodeState(NodeCondition.Replica, drbd.Value.Role);
        return null;
    }

    public static NodeState Galera(string clusterStatus, string localState)
    {
        if (!string.Equals(clusterStatus, "Primary", StringComparison.OrdinalIgnoreCase)) return new NodeState(NodeCondition.NonPrimary, clusterStatus);
        // MariaDB says "Joiner", "Joined", or "Joining: receiving State Transfer"; "Donor/Desynced" or "Desynced".
        return localState switch
        {
            "Synced" => new NodeState(NodeCondition.Synced, localState),
            _ when localState.StartsWith("Join", StringComparison.Ordinal) => new NodeState(NodeCondition.Joining, localState),
            _ when localState.StartsWith("Donor", StringComparison.Ordinal) || localState == "Desynced" => new NodeState(NodeCondition.Donor, localState),
            _ => new NodeState(NodeCondition.Other, localState),
        };
    }

    /// <summary>Down or paused when the server's process is; no answer when it runs but said nothing; else null (read it).</summary>
    private static NodeState? Down(HostStatus host, NoReading? missing)
    {
        if (missing is null) return null;
        var main = host.Services.FirstOrDefault(s => s.Service is ServiceCatalog.Galera or ServiceCatalog.MariaDb);
        return main?.State switch
        {
            ServiceState.Stopped => new NodeState(NodeCondition.Down),
            ServiceState.Paused => new NodeState(NodeCondition.Paused),
            _ => new NodeState(NodeCondition.NoAnswer),
        };
    }
}
