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
        root.RejectUnknown("name", "title", "network", "vars", "roles", "hosts", "setup", "restore");

        var name = root.RequireString("name", "the lab's name, e.g. galera");
        if (!LabName().IsMatch(name))
            throw new LabFileException(file, root.LineOf("name"), $"lab name '{name}' must be lowercase letters, digits and '-'");

        var title = ReadText(root, "title");
        var network = root.RequireMap("network", "a mapping with 'subnet', e.g. subnet: 10.10.10.0/24");
        network.RejectUnknown("subnet");
        var subnetText = network.RequireString("subnet", "an IPv4 network such as 10.10.10.0/24");
        if (!Ipv4Subnet.TryParse(subnetText, out var subnet) || subnet.PrefixLength != 24)
            throw new LabFileException(file, network.LineOf("subnet"), $"subnet '{subnetText}' must be an IPv4 /24 network such as 10.10.10.0/24");

        var vars = root.OptionalMap("vars")?.ScalarEntries() ?? new Dictionary<string, string>();
        var roles = ReadRoles(root);
        var hosts = ReadHosts(root, subnet, roles);
        return new LabDefinition(name, title, subnet, vars, hosts, Path.GetFullPath(file))
        {
            Setup = LabStepReader.Read(root, "setup", hosts),
            Restore = LabStepReader.Read(root, "restore", hosts),
        };
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

    private static List<HostDefinition> ReadHosts(YamlMap root, Ipv4Subnet subnet, Dictionary<string, RoleSpec> roles)
    {
        var nodes = root.OptionalList("hosts");
        if (nodes.Count == 0) throw root.Error("missing 'hosts': expected a list of hosts with name, address and role");
        var hosts = new List<HostDefinition>();
        var seenAddresses = new Dictionary<string, string>();
        foreach (var node in nodes)
        {
            var entry = root.AsMap(node, "a host");
            entry.RejectUnknown("name", "address", "role", "vm");
            var name = entry.RequireString("name", "a host name such as db1");
            if (!HostName().IsMatch(name))
                throw entry.Error($"host name '{name}' must start with a letter and use at most 15 lowercase letters, digits or '-'");
            if (hosts.Any(h => h.Name == name))
                throw entry.Error($"duplicate host '{name}'");
            var address = entry.RequireString("address", $"an address in {subnet}");
            if (!Ipv4Subnet.TryParseAddress(address, out var ip) || !subnet.IsHostAddress(ip))
                throw entry.Error($"host '{name}': address '{address}' is not a host address in {subnet}");
            if (seenAddresses.TryGetValue(address, out var other))
                throw entry.Error($"host '{name}': duplicate address {address} (already used by {other})");
            seenAddresses[address] = name;
            var roleName = entry.RequireString("role", $"one of the roles: {string.Join(", ", roles.Keys)}");
            if (!roles.TryGetValue(roleName, out var role))
                throw entry.Error($"host '{name}': unknown role '{roleName}'; roles are: {string.Join(", ", roles.Keys)}");
            hosts.Add(new HostDefinition(name, address, roleName, role.Services, role.Files, role.Mounts, ReadVmSize(entry, name)));
        }
        return hosts;
    }
}
