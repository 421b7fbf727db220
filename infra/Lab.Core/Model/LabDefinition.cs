namespace Lab.Core.Model;

/// <summary>A whole lab as validated, immutable data: what `lab up` builds on any target.</summary>
public sealed record LabDefinition(
    string Name,
    LocalizedText Title,
    Ipv4Subnet Subnet,
    IReadOnlyDictionary<string, string> Vars,
    IReadOnlyList<HostDefinition> Hosts,
    string SourceFile)
{
    /// <summary>lab.yaml's `setup:` steps, run in order after the hosts are prepared (see <see cref="LabStep"/>).</summary>
    public IReadOnlyList<LabStep> Setup { get; init; } = [];

    /// <summary>lab.yaml's `restore:` steps: bring the lab back to its starting state in place between scenarios.</summary>
    public IReadOnlyList<LabStep> Restore { get; init; } = [];

    /// <summary>Directory holding lab.yaml, its scenarios and guides.</summary>
    public string Directory => Path.GetDirectoryName(SourceFile) ?? ".";

    public HostDefinition? FindHost(string name) => Hosts.FirstOrDefault(h => h.Name == name);

    public HostDefinition Host(string name) =>
        FindHost(name) ?? throw new Lab.Core.Errors.LabInputException(
            $"unknown host '{name}' in lab '{Name}'; hosts are: {string.Join(", ", Hosts.Select(h => h.Name))}");

    public IReadOnlyList<HostDefinition> HostsRunning(string service) => Hosts.Where(h => h.Runs(service)).ToList();

    public string Var(string key, string fallback) => Vars.TryGetValue(key, out var v) ? v : fallback;

    /// <summary>The same lab moved to another subnet of the same size (host offsets kept), for side-by-side instances.</summary>
    public LabDefinition MovedTo(Ipv4Subnet subnet)
    {
        if (subnet == Subnet) return this;
        if (subnet.PrefixLength != Subnet.PrefixLength)
            throw new ArgumentException($"cannot move {Subnet} to {subnet}: prefix lengths differ");
        string Move(string address) =>
            Ipv4Subnet.TryParseAddress(address, out var a) ? Ipv4Subnet.Format(Subnet.Translate(a, subnet)) : address;
        // Addresses among the vars (a virtual IP, the address a client connects to) move with the hosts.
        string MoveVar(string value) =>
            Ipv4Subnet.TryParseAddress(value, out var a) && Subnet.Contains(a) ? Move(value) : value;
        return this with
        {
            Subnet = subnet,
            Hosts = Hosts.Select(h => h with { Address = Move(h.Address) }).ToList(),
            Vars = Vars.ToDictionary(kv => kv.Key, kv => MoveVar(kv.Value)),
        };
    }
}
