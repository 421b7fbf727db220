using System.Text.RegularExpressions;
using Lab.Core.Model;
using Lab.Core.Services;
using YamlDotNet.RepresentationModel;

namespace Lab.Core.Loading;

/// <summary>Reads labs/&lt;lab&gt;/lab.yaml into a validated <see cref="LabDefinition"/>.</summary>
public sealed partial class LabLoader
{
    private readonly string _templatesRoot;

    public LabLoader(string templatesRoot) => _templatesRoot = templatesRoot;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,14}$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$")]
    private static partial Regex LabName();

    [GeneratedRegex("^0[0-7]{3}$")]
    private static partial Regex FileMode();

    public LabDefinition Load(string file) => Parse(file, File.ReadAllText(file));

    public LabDefinition Parse(string file, string text)
    {
        var root = YamlDocument.Parse(file, text).Root;
        root.RejectUnknown("name", "title", "network", "networks", "vars", "roles", "hosts", "setup", "restore");

        var name = root.RequireString("name", "the lab's name, e.g. galera");
        if (!LabName().IsMatch(name))
            throw new LabFileException(file, root.LineOf("name"), $"lab name '{name}' must be lowercase letters, digits and '-'");

        var title = ReadText(root, "title");
        var networks = ReadNetworks(root);
        var vars = root.OptionalMap("vars")?.ScalarEntries() ?? new Dictionary<string, string>();
        var roles = ReadRoles(root);
        var hosts = ReadHosts(root, networks, roles);
        return new LabDefinition(name, title, networks[0].Subnet, vars, hosts, Path.GetFullPath(file),
            root.Find("networks") is null ? null : networks)
        {
            Setup = LabStepReader.Read(root, "setup", hosts),
            Restore = LabStepReader.Read(root, "restore", hosts),
        };
    }

    [GeneratedRegex("^[a-z][a-z0-9]{0,9}$")]
    private static partial Regex NetworkName();

    /// <summary>`network: { subnet }` for one network, or `networks: { public: { subnet }, private: { subnet } }` for several.</summary>
    private static List<NetworkDefinition> ReadNetworks(YamlMap root)
    {
        if (root.Find("network") is not null && root.Find("networks") is not null)
            throw new LabFileException(root.File, root.LineOf("networks"), "give either 'network' (one) or 'networks' (several), not both");
        if (root.Find("networks") is null)
        {
            var network = root.RequireMap("network", "a mapping with 'subnet', e.g. subnet: 10.10.10.0/24 (or 'networks' for several)");
            return [new NetworkDefinition(NetworkDefinition.DefaultName, ReadSubnet(network, "the lab's network"))];
        }
        var map = root.RequireMap("networks", "a mapping of network name to { subnet }, e.g. public: { subnet: 10.20.223.0/24 }");
        var result = new List<NetworkDefinition>();
        foreach (var name in map.Keys)
        {
            if (!NetworkName().IsMatch(name))
                throw new LabFileException(map.File, map.LineOf(name), $"network name '{name}' must be a lowercase letter then at most 9 letters or digits");
            var entry = map.AsMap(map.Find(name)!, $"network '{name}'");
            var subnet = ReadSubnet(entry, $"network '{name}'");
            if (result.FirstOrDefault(n => n.Subnet.Overlaps(subnet)) is { } other)
                throw new LabFileException(map.File, entry.LineOf("subnet"), $"network '{name}': {subnet} overlaps network '{other.Name}' ({other.Subnet})");
            result.Add(new NetworkDefinition(name, subnet));
        }
        if (result.Count is 0 or > 4) throw map.Error("'networks' must name between 1 and 4 networks");
        return result;
    }

    private static Ipv4Subnet ReadSubnet(YamlMap network, string what)
    {
        network.RejectUnknown("subnet");
        var subnetText = network.RequireString("subnet", "an IPv4 network such as 10.10.10.0/24");
        if (!Ipv4Subnet.TryParse(subnetText, out var subnet) || subnet.PrefixLength != 24)
            throw new LabFileException(network.File, network.LineOf("subnet"), $"{what}: subnet '{subnetText}' must be an IPv4 /24 network such as 10.10.10.0/24");
        return subnet;
    }

    internal static LocalizedText ReadText(YamlMap parent, string key)
    {
        var node = parent.Find(key);
        switch (node)
        {
            case null: return LocalizedText.Empty;
            case YamlScalarNode s: return new LocalizedText(s.Value ?? "", null);
            default:
                var map = parent.AsMap(node, $"'{key}'");
                map.RejectUnknown("en", "ko");
                return new LocalizedText(map.RequireString("en", "the English text"), map.OptionalString("ko", "the Korean text"));
        }
    }

    private sealed record RoleSpec(IReadOnlyList<string> Services, IReadOnlyList<FileTemplate> Files, IReadOnlyList<string> Mounts);

    private Dictionary<string, RoleSpec> ReadRoles(YamlMap root)
    {
        var rolesMap = root.RequireMap("roles", "a mapping of role name to services, mounts and files");
        var roles = new Dictionary<string, RoleSpec>();
        foreach (var roleName in rolesMap.Keys)
        {
            var role = rolesMap.AsMap(rolesMap.Find(roleName)!, $"role '{roleName}'");
            role.RejectUnknown("services", "mounts", "files");
            var services = role.OptionalStringList("services", "a service name");
            foreach (var service in services.Where(s => !ServiceCatalog.IsKnown(s)))
                throw role.Error($"role '{roleName}': unknown service '{service}'; known services: {string.Join(", ", ServiceCatalog.Names)}");
            var mounts = role.OptionalStringList("mounts", "an absolute directory path");
            foreach (var mount in mounts.Where(m => !m.StartsWith('/') || m == "/"))
                throw role.Error($"role '{roleName}': mount '{mount}' must be an absolute directory other than /");
            foreach (var mount in mounts)
                if (HostPathRule.Problem(mount) is { } problem)
                    throw new LabFileException(role.File, role.LineOf("mounts"), $"role '{roleName}': mount '{mount}': {problem}; expected {HostPathRule.Expected}");
            var files = role.OptionalList("files").Select(n => ReadFile(role, n, roleName, mounts)).ToList();
            roles[roleName] = new RoleSpec(services, files, mounts);
        }
        return roles;
    }

    private FileTemplate ReadFile(YamlMap role, YamlNode node, string roleName, IReadOnlyList<string> mounts)
    {
        var entry = role.AsMap(node, $"a file of role '{roleName}'");
        entry.RejectUnknown("template", "path", "mode", "owner");
        var template = entry.RequireString("template", "a template path under templates/");
        if (!File.Exists(Path.Combine(_templatesRoot, template)))
            throw entry.Error($"template '{template}' not found under {_templatesRoot}");
        var path = entry.RequireString("path", "the absolute path the file gets on the host");
        if (!path.StartsWith('/'))
            throw entry.Error($"path '{path}' must be absolute");
        if (HostPathRule.Problem(path) is { } problem)
            throw entry.Error(entry.Find("path")!, $"path '{path}': {problem}; expected {HostPathRule.Expected}");
        // Files land on the host's private copies of these directories; anything else would write to the machine itself.
        if (!mounts.Any(m => path.StartsWith(m.TrimEnd('/') + "/", StringComparison.Ordinal)))
            throw entry.Error($"path '{path}' is outside the role's mounts ({string.Join(", ", mounts)}); add its directory to 'mounts'");
        var mode = entry.OptionalString("mode", "an octal mode such as \"0644\"") ?? "0644";
        if (!FileMode().IsMatch(mode))
            throw entry.Error($"mode '{mode}' must be four octal digits such as \"0640\" (quote it in YAML)");
        var owner = entry.OptionalString("owner", "a user name") ?? "root";
        if (!FileOwnerRule.IsValid(owner))
            throw entry.Error(entry.Find("owner")!, $"owner '{owner}' must be {FileOwnerRule.Expected}");
        return new FileTemplate(template, path, mode, owner);
    }

    /// <summary>`vm: { cpus: 1, memory: 512, disk: 256M }` (memory in MB; disk: an empty data disk), all optional.</summary>
    private static VmSize? ReadVmSize(YamlMap host, string name)
    {
        var vm = host.OptionalMap("vm");
        if (vm is null) return null;
        vm.RejectUnknown("cpus", "memory", "disk");
        var cpus = vm.OptionalInt("cpus", "a number of virtual CPUs such as 1") ?? VmSize.Default.Cpus;
        var memory = vm.OptionalInt("memory", "megabytes such as 512") ?? VmSize.Default.MemoryMb;
        if (cpus is < 1 or > 64) throw vm.Error($"host '{name}': vm cpus {cpus} must be between 1 and 64");
        if (memory is < 256 or > 65536) throw vm.Error($"host '{name}': vm memory {memory} MB must be between 256 and 65536 (Debian's kernel needs about 256)");
        return new VmSize(cpus, memory, LabStepReader.ReadDiskMb(vm, name));
    }

    private static List<HostDefinition> ReadHosts(YamlMap root, IReadOnlyList<NetworkDefinition> networks, Dictionary<string, RoleSpec> roles)
    {
        var nodes = root.OptionalList("hosts");
        if (nodes.Count == 0) throw root.Error("missing 'hosts': expected a list of hosts with name, address and role");
        var hosts = new List<HostDefinition>();
        var seenAddresses = new Dictionary<string, string>();
        foreach (var node in nodes)
        {
            var entry = root.AsMap(node, "a host");
            entry.RejectUnknown("name", "address", "addresses", "role", "vm", "kernel", "isolation");
            var name = entry.RequireString("name", "a host name such as db1");
            if (!HostName().IsMatch(name))
                throw entry.Error($"host name '{name}' must start with a letter and use at most 15 lowercase letters, digits or '-'");
            if (hosts.Any(h => h.Name == name))
                throw entry.Error($"duplicate host '{name}'");
            var interfaces = ReadInterfaces(entry, name, networks);
            foreach (var nic in interfaces)
            {
                if (seenAddresses.TryGetValue(nic.Address, out var other))
                    throw entry.Error($"host '{name}': duplicate address {nic.Address} (already used by {other})");
                seenAddresses[nic.Address] = name;
            }
            var roleName = entry.RequireString("role", $"one of the roles: {string.Join(", ", roles.Keys)}");
            if (!roles.TryGetValue(roleName, out var role))
                throw entry.Error($"host '{name}': unknown role '{roleName}'; roles are: {string.Join(", ", roles.Keys)}");
            var kernel = entry.OptionalStringList("kernel", "a kernel feature such as ip_vs");
            foreach (var feature in kernel.Where(f => KernelFeature.Find(f) is null))
                throw new LabFileException(entry.File, entry.LineOf("kernel"),
                    $"host '{name}': unknown kernel feature '{feature}'; known: {string.Join(", ", KernelFeature.Known.Select(f => f.Name))}");
            var isolation = entry.OptionalString("isolation", "vm");
            if (isolation is not null and not HostDefinition.VmIsolation)
                throw new LabFileException(entry.File, entry.LineOf("isolation"), $"host '{name}': isolation '{isolation}' must be 'vm' (or left out)");
            hosts.Add(new HostDefinition(name, interfaces[0].Address, roleName, role.Services, role.Files, role.Mounts, ReadVmSize(entry, name),
                root.Find("networks") is null ? null : interfaces, kernel.Count == 0 ? null : kernel, isolation));
        }
        return hosts;
    }

    /// <summary>`address: A` on the first network, or `addresses: { private: A, public: B }` (the first listed is eth0, how the tool reaches the host).</summary>
    private static List<HostInterface> ReadInterfaces(YamlMap entry, string name, IReadOnlyList<NetworkDefinition> networks)
    {
        if (entry.Find("address") is not null && entry.Find("addresses") is not null)
            throw entry.Error($"host '{name}': give either 'address' or 'addresses', not both");
        if (entry.Find("addresses") is null)
        {
            var address = entry.RequireString("address", $"an address in {networks[0].Subnet}" + (networks.Count > 1 ? " (or 'addresses' for several networks)" : ""));
            return [CheckedAddress(entry, "address", name, networks[0], address, 0)];
        }
        var map = entry.RequireMap("addresses", "a mapping of network name to address, e.g. { public: 10.20.223.11, private: 10.20.0.11 }");
        var result = new List<HostInterface>();
        foreach (var network in map.Keys)
        {
            var net = networks.FirstOrDefault(n => n.Name == network)
                ?? throw new LabFileException(map.File, map.LineOf(network), $"host '{name}': unknown network '{network}'; networks are: {string.Join(", ", networks.Select(n => n.Name))}");
            result.Add(CheckedAddress(map, network, name, net, map.RequireString(network, $"an address in {net.Subnet}"), result.Count));
        }
        if (result.Count == 0) throw map.Error($"host '{name}': 'addresses' names no network");
        return result;
    }

    private static HostInterface CheckedAddress(YamlMap map, string key, string host, NetworkDefinition network, string address, int index)
    {
        if (!Ipv4Subnet.TryParseAddress(address, out var ip) || !network.Subnet.IsHostAddress(ip))
            throw new LabFileException(map.File, map.LineOf(key), $"host '{host}': address '{address}' is not a host address in {network.Subnet}" +
                (network.Name == NetworkDefinition.DefaultName ? "" : $" (network '{network.Name}')"));
        return new HostInterface(network.Name, address, index);
    }
}
