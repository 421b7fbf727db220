using System.Text.Json;
using System.Text.Json.Serialization;
using Lab.Core.Status;
using Lab.Core.Status.Health;

namespace Lab.Cli.Views;

/// <summary>The JSON form of `lab status --json`: stable snake_case names a CI job can query with jq.</summary>
internal static class StatusJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Read by people and jq, never embedded in HTML: quotes and apostrophes as they are, not \u0027.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="placements">How the target reaches each host (a namespace, ssh user@address ...), by host name.</param>
    /// <param name="access">The endpoints and the application account (docs/lab-up.schema.json); null leaves them out.</param>
    /// <param name="upSeconds">How long `lab up` took, in its own output only.</param>
    public static object From(LabStatus s, IReadOnlyList<Lab.Core.Targets.HostPlacement>? placements = null, LabAccess? access = null,
        double? upSeconds = null) => new
    {
        instance = s.Instance,
        lab = s.Lab,
        target = s.Target,
        subnet = s.Subnet,
        healthy = s.Healthy,
        healthy_means = LabHealth.Describe(s.Aspects),
        problems = s.Problems.Select(p => new { host = p.Host, what = p.What, detail = p.Detail, next = p.Next, about = p.About }),
        up_seconds = upSeconds is { } took ? Math.Round(took, 2) : (double?)null,
        entry = access?.Entry is { } entry ? EndpointJson(entry) : null,
        endpoints = access?.Endpoints.Select(EndpointJson),
        account = access?.PasswordFile is { } file ? new { user = Lab.Instances.AppPasswordFile.User, password_file = file } : null,
        virtual_ip = s.Aspects.VirtualIp is { } vip ? new { address = vip, holders = s.VipHolders } : null,
        hosts = s.Hosts.Select(h => new
        {
            name = h.Name,
            address = h.Address,
            addresses = access?.Instance.Lab.FindHost(h.Name)?.Nics.ToDictionary(n => n.Network, n => n.Address),
            reached = placements?.FirstOrDefault(p => p.Host == h.Name)?.Reached,
            services = h.Services.ToDictionary(x => x.Service, x => new { state = x.State.ToString().ToLowerInvariant(), pid = x.Pid }),
            wsrep = h.Galera is { Ok: true } g ? new
            {
                wsrep_cluster_status = g.Value.ClusterStatus,
                wsrep_cluster_size = g.Value.ClusterSize,
                wsrep_local_state_comment = g.Value.LocalStateComment,
                wsrep_ready = g.Value.Ready,
            } : null,
            wsrep_error = h.Galera?.Missing?.Reason,
            replication = h.Replication is { Ok: true } r ? new
            {
                role = r.Value.Role,
                read_only = r.Value.ReadOnly,
                gtid_current_pos = r.Value.CurrentPos.Domains.Count == 0 ? "" : r.Value.CurrentPos.ToString(),
                source = r.Value.IsReplica ? r.Value.Source : null,
                slave_io_running = r.Value.IsReplica ? r.Value.IoThread : null,
                slave_sql_running = r.Value.IsReplica ? r.Value.SqlThread : null,
                seconds_behind_master = r.Value.LagSeconds,
                last_io_error = r.Value.IsReplica ? r.Value.Replica["Last_IO_Error"] : null,
                last_sql_error = r.Value.IsReplica ? r.Value.Replica["Last_SQL_Error"] : null,
            } : null,
            replication_error = h.Replication?.Missing?.Reason,
            holds_vip = h.HoldsVip is { Ok: true } v ? v.Value : (bool?)null,
            drbd = h.Drbd is { Ok: true } d ? new { role = d.Value.Role, mariadb_running = d.Value.MariaDbRunning } : null,
            drbd_error = h.Drbd?.Missing?.Reason,
            haproxy_backends = h.Backends is { Ok: true } b
                ? b.Value.Select(x => new { backend = x.Backend, server = x.Server, status = x.Status, check = x.CheckStatus }) : null,
            haproxy_error = h.Backends?.Missing?.Reason,
        }),
    };

    /// <summary>An endpoint: its lab address and, where the target publishes it, the 127.0.0.1 port that forwards there.</summary>
    private static object EndpointJson(LabAccess.Endpoint e) => new
    {
        name = e.Lab.Name,
        host = e.Lab.Host,
        address = e.Lab.Address,
        port = e.Lab.Port,
        entry = e.Lab.IsEntry,
        purpose = e.Lab.Purpose,
        published = e.Published is { } p ? new { address = p.LocalAddress, port = p.LocalPort } : null,
    };
}
