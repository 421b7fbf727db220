using Lab.Core.Loading;

namespace Lab.Hosts.Ssh.Inventory;

/// <summary>
/// Reads an inventory file: YAML or JSON, either <c>{lab, hosts}</c> as `pulumi stack output inventory --json` prints
/// it, or the whole `pulumi stack output --json` with it under <c>inventory:</c>. Errors name the file and line.
/// </summary>
public static class InventoryLoader
{
    private static readonly string[] HostKeys = ["address", "labAddress", "role", "user", "port", "key", "jump", "proxyCommand"];

    public static SshInventory Load(string file)
    {
        var full = Path.GetFullPath(file);
        if (!File.Exists(full)) throw new LabFileException(full, 0, "inventory file not found; pass the file `pulumi stack output inventory --json` wrote, or one written by hand");
        return Parse(full, File.ReadAllText(full));
    }

    public static SshInventory Parse(string file, string text)
    {
        var doc = YamlDocument.Parse(file, text);
        var root = doc.Root.OptionalMap("inventory") ?? doc.Root;
        root.RejectUnknown("lab", "hosts", "knownHosts");
        var baseDir = Path.GetDirectoryName(file) ?? ".";
        var hostsMap = root.RequireMap("hosts", "a mapping of host name to {address, user, port, key, jump}");
        var hosts = new Dictionary<string, InventoryHost>(StringComparer.Ordinal);
        foreach (var name in hostsMap.Keys)
        {
            var node = hostsMap.Find(name)!;
            var h = hostsMap.AsMap(node, $"host '{name}': a mapping with address, user, port, key, jump");
            h.RejectUnknown(HostKeys);
            var port = h.OptionalInt("port", "a TCP port number") ?? 22;
            if (port is < 1 or > 65535) throw h.Error($"host '{name}': port {port} is not a TCP port (1-65535)");
            var jump = h.OptionalString("jump", "user@host:port of the jump host");
            if (jump is not null && jump.Contains(' ')) throw h.Error($"host '{name}': jump '{jump}' must be user@host[:port] without spaces");
            hosts[name] = new InventoryHost(
                name,
                h.RequireString("address", "the address ssh connects to"),
                h.OptionalString("labAddress", "the host's address on the lab network"),
                h.OptionalString("user", "the login user") ?? "root",
                port,
                ExpandPath(h.OptionalString("key", "a private key file"), baseDir),
                jump,
                h.OptionalString("proxyCommand", "an OpenSSH ProxyCommand"));
        }
        if (hosts.Count == 0) throw hostsMap.Error("the inventory lists no hosts");
        return new SshInventory(root.OptionalString("lab", "the lab's name"), hosts,
            ExpandPath(root.OptionalString("knownHosts", "a known_hosts file"), baseDir), file);
    }

    /// <summary>`~/` is the user's home; a relative path is relative to the inventory file, as a student expects.</summary>
    internal static string? ExpandPath(string? path, string baseDir)
    {
        if (string.IsNullOrEmpty(path)) return null;
        if (path.StartsWith("~/", StringComparison.Ordinal))
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]);
        return Path.GetFullPath(path, baseDir);
    }
}
