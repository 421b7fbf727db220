using Lab.Core.Model;
using Lab.Core.Waits;
using Lab.Hosts.Ssh.Inventory;
using Lab.Instances;

namespace Lab.Hosts.Ssh;

/// <summary>
/// What every target that boots its own machines (containers, VMs) does the same way to reach them: an instance login
/// key for root, an inventory through the lab's own management namespace, and a wait until each machine's sshd answers.
/// </summary>
public static class ManagedMachines
{
    /// <returns>The public key to authorize on every machine.</returns>
    public static async Task<string> CreateLoginKeyAsync(string keyFile, string instance, CancellationToken ct)
    {
        File.Delete(keyFile);
        File.Delete(keyFile + ".pub");
        await ProcessRunner.RequireAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"lab-{instance}", "-f", keyFile], ct: ct);
        return File.ReadAllText(keyFile + ".pub");
    }

    /// <summary>A new host key for one machine, written where its sshd reads it.</summary>
    /// <returns>The known_hosts line for it.</returns>
    public static async Task<string> CreateHostKeyAsync(string privateKeyFile, string hostName, string address, CancellationToken ct)
    {
        File.Delete(privateKeyFile);
        File.Delete(privateKeyFile + ".pub");
        await ProcessRunner.RequireAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"root@{hostName}", "-f", privateKeyFile], ct: ct);
        var pub = File.ReadAllText(privateKeyFile + ".pub").Trim().Split(' ');
        return $"{address} {pub[0]} {pub[1]}";
    }

    /// <summary>The inventory the ssh target reads: root with the instance's key, through the lab's own namespace.</summary>
    public static SshInventory WriteInventory(string file, LabDefinition lab, string instance, string keyFile, string knownHosts, string target)
    {
        var lines = new List<string>
        {
            $"# Written by `lab up --target {target}` for instance '{instance}': how the tool (and `lab shell`) reaches each host.",
            $"lab: {lab.Name}",
            $"knownHosts: {Path.GetFileName(knownHosts)}",
            "hosts:",
        };
        foreach (var h in lab.Hosts)
            lines.AddRange([
                $"  {h.Name}:",
                $"    address: {h.Address}",
                $"    role: {h.Role}",
                "    user: root",
                "    port: 22",
                $"    key: {Path.GetFileName(keyFile)}",
                $"    proxyCommand: \"{ManagementNamespace.ProxyCommand(instance)}\"",
            ]);
        File.WriteAllText(file, string.Join("\n", lines) + "\n");
        return InventoryLoader.Load(file);
    }

    /// <summary>
    /// Waits until every machine's sshd answers and its systemd has finished starting up. <paramref name="lastWords"/>
    /// gives what a machine that never answers last printed (its console), for the error.
    /// </summary>
    public static Task WaitBootedAsync(LabDefinition lab, string instance, SshInventory inventory, TimeSpan timeout,
        Func<string, string?> lastWords, CancellationToken ct)
    {
        var runner = SshConnections.Runner(instance, inventory);
        return Task.WhenAll(lab.Hosts.Select(async h =>
        {
            try
            {
                await Until.Real.HoldsAsync($"{h.Name}: sshd answering", async c =>
                {
                    var r = await runner.RunAsync(inventory.Host(h.Name), "systemctl is-system-running --wait >/dev/null 2>&1; true", null, TimeSpan.FromSeconds(60), c);
                    return new ProbeResult(r.Ok, r.Describe());
                }, new WaitPolicy(timeout, TimeSpan.FromMilliseconds(500)), ct);
            }
            catch (WaitTimeoutException e) when (lastWords(h.Name) is { } words)
            {
                throw new Lab.Core.Errors.LabException($"{e.Message}\n{h.Name}'s console ended with:\n{words}");
            }
        }));
    }
}
