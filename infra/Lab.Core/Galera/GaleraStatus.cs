using Lab.Core.Hosts;
using Lab.Core.Sql;

namespace Lab.Core.Galera;

/// <summary>The four variables the seed checks on every node.</summary>
public sealed record GaleraStatus(string ClusterStatus, int ClusterSize, string LocalStateComment, string Ready)
{
    public static readonly string[] Variables = ["wsrep_cluster_status", "wsrep_cluster_size", "wsrep_local_state_comment", "wsrep_ready"];

    public bool IsPrimarySynced(int expectedSize) =>
        ClusterStatus == "Primary" && LocalStateComment == "Synced" && ClusterSize == expectedSize && Ready == "ON";

    public static async Task<GaleraStatus> ReadAsync(ILabHost host, CancellationToken ct)
    {
        var values = await host.StatusAsync(Variables, ct);
        string Get(string name) => values.TryGetValue(name, out var v) ? v : "?";
        return new GaleraStatus(Get("wsrep_cluster_status"), int.TryParse(Get("wsrep_cluster_size"), out var n) ? n : 0,
            Get("wsrep_local_state_comment"), Get("wsrep_ready"));
    }

    public override string ToString() => $"{ClusterStatus}, size {ClusterSize}, {LocalStateComment}, ready {Ready}";
}
