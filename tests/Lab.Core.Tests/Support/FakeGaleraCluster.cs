using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Services;

namespace Lab.Core.Tests.Support;

/// <summary>
/// Just enough Galera membership for the engine's waits: the nodes of the Primary component are Primary/Synced with
/// the component's size; a start with --wsrep-new-cluster forms a new component; a plain start joins the Primary
/// component if there is one; a clean stop leaves it; a crash that leaves no majority of the last component turns
/// the rest non-Primary. Each node's status variables and HAProxy's view of it follow.
/// </summary>
public sealed class FakeGaleraCluster
{
    private readonly Lock _gate = new();
    private readonly IReadOnlyList<FakeHost> _nodes;
    private readonly IReadOnlyList<FakeHost> _proxies;
    private readonly HashSet<string> _component = [];
    private bool _primary;

    public FakeGaleraCluster(IReadOnlyList<FakeHost> nodes, IReadOnlyList<FakeHost> proxies)
    {
        _nodes = nodes;
        _proxies = proxies;
        foreach (var node in nodes)
            node.Services.OnChange(e => { if (e.Service == ServiceCatalog.Galera) Changed(node, e); });
        Publish();
    }

    public IReadOnlyCollection<string> Component { get { lock (_gate) return _component.ToList(); } }

    /// <summary>Test set-up: every node whose mariadbd runs is in one Primary component.</summary>
    public void FormFromRunning()
    {
        lock (_gate)
        {
            _component.Clear();
            foreach (var n in _nodes.Where(Running)) _component.Add(n.Name);
            _primary = _component.Count > 0;
        }
        Publish();
    }

    private void Changed(FakeHost node, FakeServiceEvent e)
    {
        lock (_gate)
        {
            switch (e.Change)
            {
                case FakeServiceChange.Started when e.Args.Contains("--wsrep-new-cluster"):
                    _component.Clear();
                    _component.Add(node.Name);
                    _primary = true;
                    break;
                case FakeServiceChange.Started when _primary:
                    _component.Add(node.Name);
                    break;
                case FakeServiceChange.Stopped:
                    _component.Remove(node.Name); // a clean leave: the others shrink the view and stay Primary
                    break;
                case FakeServiceChange.Killed:
                    var before = _component.Count;
                    _component.Remove(node.Name);
                    if (_component.Count * 2 <= before) _primary = false; // no majority of the last view is left
                    break;
            }
            if (_component.Count == 0) _primary = false;
        }
        Publish();
    }

    private static bool Running(FakeHost node) => node.Services.Status(ServiceCatalog.Galera).State == ServiceState.Running;

    private void Publish()
    {
        HashSet<string> component;
        bool primary;
        lock (_gate) (component, primary) = (_component.ToHashSet(), _primary);
        foreach (var node in _nodes)
        {
            var synced = primary && component.Contains(node.Name);
            var size = component.Contains(node.Name) ? component.Count : 1;
            var status = synced ? new GaleraStatus("Primary", size, "Synced", "ON") : new GaleraStatus("non-Primary", size, "Initialized", "OFF");
            node.Sql.SetStatus("wsrep_cluster_status", status.ClusterStatus);
            node.Sql.SetStatus("wsrep_cluster_size", status.ClusterSize.ToString());
            node.Sql.SetStatus("wsrep_local_state_comment", status.LocalStateComment);
            node.Sql.SetStatus("wsrep_ready", status.Ready);
            foreach (var proxy in _proxies)
            {
                if (synced) proxy.Haproxy.Up(node.Name);
                else if (Running(node)) proxy.Haproxy.Down(node.Name);
                else proxy.Haproxy.Set(node.Name, "DOWN", "L4CON", "", "Connection refused");
            }
        }
    }
}
