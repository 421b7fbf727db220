using Lab.Core.Galera;
using Lab.Core.Haproxy;
using Lab.Core.Hosts;
using Lab.Core.Status.Health;

namespace Lab.Core.Status;

/// <summary>Everything `lab status` shows, as data (rendered as a table or JSON by the CLI), and the lab's verdict on it.</summary>
public sealed record LabStatus(string Instance, string Lab, string Target, string Subnet, StatusAspects Aspects, IReadOnlyList<HostStatus> Hosts)
{
    /// <summary>
    /// Whether the commands suggested by <see cref="Problems"/> name the instance (--instance): needed when several
    /// instances exist, since the tool then cannot guess which one is meant.
    /// </summary>
    public bool NameInstanceInHints { get; init; }

    /// <summary>What the lab's own health rule finds wrong, each with the host, what, and the next command to run.</summary>
    public IReadOnlyList<HealthProblem> Problems => LabHealth.Check(this);

    public bool Healthy => Problems.Count == 0;

    /// <summary>The hosts holding the virtual IP, among those that could be asked.</summary>
    public IReadOnlyList<string> VipHolders => Hosts.Where(h => h.HoldsVip is { Ok: true, Value: true }).Select(h => h.Name).ToList();

    public HostStatus Host(string name) => Hosts.First(h => h.Name == name);
}

/// <summary>One host: its services, then what the lab's aspects read on it (null where that aspect does not apply).</summary>
public sealed record HostStatus(string Name, string Address, IReadOnlyList<ServiceStatus> Services)
{
    public Reading<GaleraStatus>? Galera { get; init; }
    public Reading<ReplicationReading>? Replication { get; init; }
    public Reading<IReadOnlyList<HaproxyBackend>>? Backends { get; init; }
    public Reading<bool>? HoldsVip { get; init; }
    public Reading<DrbdReading>? Drbd { get; init; }

    public ServiceStatus? Service(string name) => Services.FirstOrDefault(s => s.Service == name);

    public bool AllServicesRunning => Services.All(s => s.State == ServiceState.Running);
}
