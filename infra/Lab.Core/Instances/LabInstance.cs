using Lab.Core.Hosts;
using Lab.Core.Model;
using Lab.Core.Secrets;

namespace Lab.Core.Instances;

/// <summary>A lab that exists on some target: its definition (with this instance's addresses), secrets and hosts.</summary>
public sealed class LabInstance
{
    public LabInstance(string name, string target, LabDefinition lab, LabSecrets secrets, IEnumerable<ILabHost> hosts, double pace = 1)
    {
        Pace = pace;
        Name = name;
        Target = target;
        Lab = lab;
        Secrets = secrets;
        Hosts = hosts.ToDictionary(h => h.Name);
    }

    public string Name { get; }

    /// <summary>
    /// How many times slower than native the hosts run (1 for namespaces, containers and KVM; more for VMs under
    /// software emulation). Every wait on this instance stretches its timeout by it: see <see cref="Waits.Until.Paced"/>.
    /// </summary>
    public double Pace { get; }
    public string Target { get; }
    public LabDefinition Lab { get; }
    public LabSecrets Secrets { get; }
    public IReadOnlyDictionary<string, ILabHost> Hosts { get; }

    /// <summary>The hosts' power switch when the target has one (VMs), else null: see <see cref="IPowerControl"/>.</summary>
    public IPowerControl? Power { get; init; }

    /// <summary>Which hosts share this machine's kernel, where the target knows (local, machines); null: each host has its own.</summary>
    public IHostKernels? Kernels { get; init; }

    /// <summary>The lab's endpoints reachable on this machine's loopback, where the target publishes them (local); else empty.</summary>
    public IReadOnlyList<Endpoints.PublishedEndpoint> Published { get; init; } = [];

    /// <summary>The published entry (HAProxy or the VIP, else the first server), or null when nothing is published.</summary>
    public Endpoints.PublishedEndpoint? Entry => Published.FirstOrDefault(p => p.Endpoint.IsEntry);

    /// <summary>The same instance with what a target adds once its hosts exist: a power switch, what it knows of their kernels.</summary>
    public LabInstance With(IPowerControl? power = null, IHostKernels? kernels = null) =>
        new(Name, Target, Lab, Secrets, Hosts.Values, Pace) { Power = power ?? Power, Kernels = kernels ?? Kernels, Published = Published };

    /// <summary>The same instance with its endpoints published on this machine's loopback.</summary>
    public LabInstance WithPublished(IReadOnlyList<Endpoints.PublishedEndpoint> published) =>
        new(Name, Target, Lab, Secrets, Hosts.Values, Pace) { Power = Power, Kernels = Kernels, Published = published };

    public ILabHost Host(string name) =>
        Hosts.TryGetValue(name, out var host) ? host
            : throw new Lab.Core.Errors.LabInputException($"unknown host '{name}' in instance '{Name}' (lab {Lab.Name}); hosts are: {string.Join(", ", Hosts.Keys)}");

    public IReadOnlyList<ILabHost> HostsRunning(string service) =>
        Lab.HostsRunning(service).Select(h => Hosts[h.Name]).ToList();
}
