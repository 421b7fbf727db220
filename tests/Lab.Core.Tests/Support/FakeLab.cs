using System.Text.RegularExpressions;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Replication;
using Lab.Core.Scenarios;
using Lab.Core.Secrets;
using Lab.Core.Services;

namespace Lab.Core.Tests.Support;

/// <summary>
/// A real lab definition (labs/&lt;name&gt;/lab.yaml) as an instance of <see cref="FakeHost"/>s, in the state `lab up`
/// leaves it: every service running; Galera nodes one Primary component behind HAProxy; replicas replicating from the
/// primary; the virtual IP on the primary; the client's <c>mariadb</c> reaching the server its settings name.
/// </summary>
public sealed partial class FakeLab
{
    private static readonly Dictionary<string, LabDefinition> Definitions = new();

    private FakeLab(LabDefinition lab, ManualTimeProvider clock)
    {
        Lab = lab;
        var pid = 1000;
        Hosts = lab.Hosts.ToDictionary(h => h.Name, h => new FakeHost(h, clock, pid += 1000));
        foreach (var host in Hosts.Values)
            foreach (var service in host.Definition.Services) host.Services.Set(service, ServiceState.Running);
        Secrets = new LabSecrets(LabSecrets.Names.ToDictionary(n => n, n => $"fake-{n}"));
        Instance = new LabInstance("fake", "fake", lab, Secrets, Hosts.Values);
        Loader = new ScenarioLoader(lab);
        // A commit takes a little time, so a writer advances with the virtual clock instead of spinning to its cap.
        var servers = Hosts.Values.Where(h => h.Definition.Services.Any(ServiceCatalog.IsDatabase)).ToList();
        foreach (var server in servers) server.Sql.Delay(WriterInsert(), WriteLatency);
        _ = new WriterStartHold(clock, Clients); // lives on in the clients' hooks
    }

    /// <summary>How long one of the writer's INSERTs takes on a server.</summary>
    public static readonly TimeSpan WriteLatency = TimeSpan.FromMilliseconds(10);

    [GeneratedRegex(@"^INSERT INTO labcheck\.writes ", RegexOptions.IgnoreCase)]
    private static partial Regex WriterInsert();

    public LabDefinition Lab { get; }
    public LabSecrets Secrets { get; }
    public LabInstance Instance { get; }
    public ScenarioLoader Loader { get; }
    public IReadOnlyDictionary<string, FakeHost> Hosts { get; }

    /// <summary>The Galera membership model, for a lab with Galera nodes.</summary>
    public FakeGaleraCluster? Galera { get; private set; }

    public FakeHost this[string host] => Hosts[host];

    /// <summary>The hosts whose role runs <paramref name="service"/> (whatever its state now).</summary>
    public IReadOnlyList<FakeHost> HostsRunning(string service) => Hosts.Values.Where(h => h.Definition.Runs(service)).ToList();

    public static FakeLab Load(string name, ManualTimeProvider clock)
    {
        LabDefinition lab;
        lock (Definitions)
            if (!Definitions.TryGetValue(name, out lab!))
                Definitions[name] = lab = new LabCatalog(RepoRoot.Path).Load(name);
        var fake = new FakeLab(lab, clock);
        if (fake.HostsRunning(ServiceCatalog.Galera).Count > 0) fake.FormGalera();
        if (fake.Hosts.Values.Any(h => h.Definition.Role == ReplicationRoles.Primary)) fake.FormReplication();
        return fake;
    }

    private void FormGalera()
    {
        var nodes = HostsRunning(ServiceCatalog.Galera);
        var proxies = HostsRunning(ServiceCatalog.HaProxy);
        Galera = new FakeGaleraCluster(nodes, proxies);
        Galera.FormFromRunning();
        FakeWritesTable.ReplicateAmong(nodes.Select(n => n.Sql.Writes).ToList());
        // HAProxy sends each new connection to the first server it has UP (its first server, while all are healthy).
        foreach (var client in Clients)
            client.RouteSqlTo(proxies[0].Definition.Address, () =>
                proxies[0].Services.Status(ServiceCatalog.HaProxy).State != ServiceState.Running ? null
                    : nodes.FirstOrDefault(n => proxies[0].Haproxy.IsUp(n.Name)));
    }

    private void FormReplication()
    {
        var primary = Hosts.Values.Single(h => h.Definition.Role == ReplicationRoles.Primary);
        var replicas = Hosts.Values.Where(h => h.Definition.Role == ReplicationRoles.Replica).ToList();
        foreach (var replica in replicas)
        {
            replica.Sql.Replica.Replicate(primary.Definition.Address);
            replica.Sql.SetVariable("read_only", "1");
        }
        primary.Sql.Writes.ReplicatesTo(replicas.Select(r => r.Sql.Writes).ToArray());
        var servers = HostsRunning(ServiceCatalog.MariaDb);
        if (Lab.Vars.TryGetValue("vip", out var vip)) primary.AddAddress(vip);
        // The client connects to one address (the primary's, or the virtual IP): whoever holds it answers.
        var address = Lab.Var("client_connects_to", primary.Definition.Address);
        foreach (var client in Clients)
            client.RouteSqlTo(address, () => servers.FirstOrDefault(s => s.HasAddress(address)));
    }

    private IEnumerable<FakeHost> Clients => Hosts.Values.Where(h => h.Definition.Role == "client");
}
