using System.Text.Json;
using System.Text.Json.Serialization;
using Lab.Core.Status;

namespace Lab.Cli.Views;

/// <summary>The JSON form of `lab status --json`: stable snake_case names a CI job can query with jq.</summary>
internal static class StatusJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <param name="placements">How the target reaches each host (a namespace, ssh user@address ...), by host name.</param>
    public static object From(LabStatus s, IReadOnlyList<Lab.Core.Targets.HostPlacement>? placements = null) => new
    {
        instance = s.Instance,
        lab = s.Lab,
        target = s.Target,
        subnet = s.Subnet,
        healthy = s.Healthy,
        hosts = s.Hosts.Select(h => new
        {
            name = h.Name,
            address = h.Address,
            reached = placements?.FirstOrDefault(p => p.Host == h.Name)?.Reached,
            services = h.Services.ToDictionary(x => x.Service, x => new { state = x.State.ToString().ToLowerInvariant(), pid = x.Pid }),
            wsrep = h.Galera is null ? null : new
            {
                wsrep_cluster_status = h.Galera.ClusterStatus,
                wsrep_cluster_size = h.Galera.ClusterSize,
                wsrep_local_state_comment = h.Galera.LocalStateComment,
                wsrep_ready = h.Galera.Ready,
            },
            wsrep_error = h.GaleraError,
            haproxy_backends = h.Backends?.Select(b => new { backend = b.Backend, server = b.Server, status = b.Status, check = b.CheckStatus }),
            haproxy_error = h.BackendsError,
        }),
    };
}
