using Lab.Core.Hosts;
using Lab.Core.Services;

namespace Lab.Core.Status.Health;

/// <summary>The seed's check on every Galera node: Primary, Synced, ready, and the whole cluster in one component.</summary>
public sealed class GaleraHealth : IHealthRule
{
    public string Demands => "every node Primary and Synced at full size";

    public IEnumerable<HealthProblem> Check(LabStatus status, LabCommands commands)
    {
        var nodes = status.Hosts.Where(h => h.Galera is not null).ToList();
        var someDown = nodes.Any(n => n.Service(ServiceCatalog.Galera)?.State != ServiceState.Running);
        var primaryExists = nodes.Any(n => n.Galera is { Ok: true } g && g.Value.ClusterStatus == "Primary");
        var bootstrapSuggested = false;
        foreach (var node in nodes)
        {
            if (!node.Galera!.Ok)
            {
                if (ServerSilence.Check(node, node.Galera.Missing, commands) is { } silent) yield return silent;
                continue;
            }
            var g = node.Galera.Value;
            if (g.ClusterStatus != "Primary")
            {
                // Without any Primary component, one node is told to form one (the guide's pc.bootstrap); the rest then rejoin it.
                var bootstrapHere = !primaryExists && !bootstrapSuggested;
                bootstrapSuggested |= bootstrapHere;
                yield return new HealthProblem(node.Name, $"wsrep_cluster_status {g.ClusterStatus}: no quorum, it refuses queries (ERROR 1047)",
                    bootstrapHere ? commands.Sql(node.Name, "SET GLOBAL wsrep_provider_options='pc.bootstrap=YES'") : commands.Watch);
            }
            else if (g.LocalStateComment != "Synced")
                yield return new HealthProblem(node.Name, $"wsrep_local_state_comment {g.LocalStateComment}: not in sync yet", commands.Watch);
            else if (g.Ready != "ON")
                yield return new HealthProblem(node.Name, $"wsrep_ready {g.Ready}", commands.Watch);
            // A node that is down explains a smaller cluster by itself (and has its own problem).
            else if (g.ClusterSize != nodes.Count && !someDown)
                yield return new HealthProblem(node.Name, $"wsrep_cluster_size {g.ClusterSize} of {nodes.Count}: a node is not in its component", commands.Watch);
        }
    }
}
