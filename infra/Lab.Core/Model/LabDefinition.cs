namespace Lab.Core.Model;

/// <summary>A whole lab as validated, immutable data: what `lab up` builds on any target.</summary>
/// <param name="Subnet">The first network's subnet: the one every host's first address is reached through.</param>
/// <param name="Networks">Every network in declaration order (the first has <paramref name="Subnet"/>); null means one, named "lan".</param>
public sealed record LabDefinition(
    string Name,
    LocalizedText Title,
    Ipv4Subnet Subnet,
    IReadOnlyDictionary<string, string> Vars,
    IReadOnlyList<HostDefinition> Hosts,
    string SourceFile,
    IReadOnlyList<NetworkDefinition>? Networks = null)
{
    /// <summary>lab.yaml's `setup:` steps, run in order after the hosts are prepared (see <see cref="LabStep"/>).</summary>
    public IReadOnlyList<LabStep> Setup { get; init; } = [];

    /// <summary>lab.yaml's `restore:` steps: bring the lab back to its starting state in place between scenarios.</summary>
    public IReadOnlyList<LabStep> Restore { get; init; } = [];

    /// <summary>Directory holding lab.yaml, its scenarios and guides.</summary>
    public string Directory => Path.GetDirectoryName(SourceFile) ?? ".";

    public IReadOnlyList<NetworkDefinition> AllNetworks => Networks ?? [new NetworkDefinition(NetworkDefinition.DefaultName, Subnet)];

    public IReadOnlyList<Ipv4Subnet> Subnets => AllNetworks.Select(n => n.Subnet).ToList();

    public NetworkDefinition Network(string name) => AllNetworks.First(n => n.Name == name);

    public HostDefinition? FindHost(string name) => Hosts.FirstOrDefault(h => h.Name == name);

    public HostDefinition Host(string name) =>
        FindHost(name) ?? throw new Lab.Core.Errors.LabInputException(
            $"unknown host '{name}' in lab '{Name}'; hosts are: {string.Join(", ", Hosts.Select(h => h.Name))}");

    public IReadOnlyList<HostDefinition> HostsRunning(string service) => Hosts.Where(h => h.Runs(service)).ToList();

    public string Var(string key, string fallback) => Vars.TryGetValue(key, out var v) ? v : fallback;

    /// <summary>
    /// The same lab moved so that its first network is <paramref name="subnet"/> and every other network shifts by the
    /// same distance (host offsets kept), for side-by-side instances.
    /// </summary>
    public LabDefinition MovedTo(Ipv4Subnet subnet)
    {
        if (subnet == Subnet) return this;
        if (subnet.PrefixLength != Subnet.PrefixLength)
            throw new ArgumentException($"cannot move {Subnet} to {subnet}: prefix lengths differ");
        var shift = unchecked(subnet.Network - Subnet.Network);
        var moves = AllNetworks.Select(n => (From: n.Subnet, To: new Ipv4Subnet(unchecked(n.Subnet.Network + shift), n.Subnet.PrefixLength))).ToList();
        string? Moved(string address)
        {
            if (!Ipv4Subnet.TryParseAddress(address, out var a)) return null;
            var move = moves.FirstOrDefault(m => m.From.Contains(a));
            return move.To.PrefixLength == 0 ? null : Ipv4Subnet.Format(move.From.Translate(a, move.To));
        }
        // Addresses among the vars (a virtual IP, the address a client connects to) move with the hosts.
        string Move(string value) => Moved(value) ?? value;
        return this with
        {
            Subnet = subnet,
            Networks = Networks?.Select((n, i) => n with { Subnet = moves[i].To }).ToList(),
            Hosts = Hosts.Select(h => h with
            {
                Address = Move(h.Address),
                Interfaces = h.Interfaces?.Select(n => n with { Address = Move(n.Address) }).ToList(),
            }).ToList(),
            Vars = Vars.ToDictionary(kv => kv.Key, kv => Move(kv.Value)),
        };
    }
}
