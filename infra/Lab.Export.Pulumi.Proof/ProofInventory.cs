using Lab.Core.Errors;
using Lab.Export.Pulumi.Proof.Hosts;
using Lab.Export.Pulumi.Proof.Program;
using Lab.Hosts.Ssh;
using Lab.Hosts.Ssh.Inventory;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Proof;

/// <summary>
/// The program's <c>inventory</c> output, resolved as `pulumi stack output inventory` would print it, as an inventory of
/// the ssh target. Two local differences, both about reaching the hosts rather than what they are: the run's key and
/// known_hosts are named (a student's ssh has its own), and a host's <c>jump</c> (ssh -J user@public-address) becomes
/// the same <c>ssh -W</c> through the jump host started inside the lab's management namespace, since the jump host's
/// "public" address is reachable only from there.
/// </summary>
public static class ProofInventory
{
    public static SshInventory Write(string file, ProgramPayload payload, ProofValues values, ProofSsh ssh, string instance, string keyFile, string knownHosts)
    {
        if (ProgramYaml.Node(payload.Program.Outputs, "inventory") is not YamlMappingNode inventory
            || ProgramYaml.Node(inventory, "hosts") is not YamlMappingNode hosts)
            throw new LabException($"{payload.Program.File}: no `inventory` output with hosts");
        var lines = new List<string>
        {
            $"# The `inventory` output of {payload.Program.File}, resolved by the payload proof of instance '{instance}'.",
            $"lab: {values.Resolve(ProgramYaml.Scalar(inventory, "lab") ?? "")}",
            $"knownHosts: {Path.GetFileName(knownHosts)}",
            "hosts:",
        };
        foreach (var (key, node) in hosts.Children)
        {
            string? Get(string k) => ProgramYaml.Scalar(node, k) is { } v ? values.Resolve(v) : null;
            lines.Add($"  {((YamlScalarNode)key).Value}:");
            foreach (var k in new[] { "address", "labAddress", "role", "user", "port" })
                if (Get(k) is { } v) lines.Add($"    {k}: {v}");
            lines.Add($"    key: {Path.GetFileName(keyFile)}");
            var proxy = Get("jump") is { } jump ? JumpProxy(ssh, jump) : ManagementNamespace.ProxyCommand(instance);
            lines.Add($"    proxyCommand: \"{proxy}\"");
        }
        File.WriteAllText(file, string.Join("\n", lines) + "\n");
        return InventoryLoader.Load(file);
    }

    /// <summary><c>user@host:port</c> → the ProxyCommand doing what `ssh -J` does, from the lab's management namespace.</summary>
    private static string JumpProxy(ProofSsh ssh, string jump)
    {
        var at = jump.IndexOf('@');
        var colon = jump.LastIndexOf(':');
        var (user, host, port) = (jump[..at], colon > at ? jump[(at + 1)..colon] : jump[(at + 1)..], colon > at ? int.Parse(jump[(colon + 1)..]) : 22);
        return $"nsenter --net={Lab.Instances.LocalLayout.NetnsPath(ManagementNamespace.Netns(ssh.Instance))} {ssh.JumpCommand(user, host, port)}";
    }
}
