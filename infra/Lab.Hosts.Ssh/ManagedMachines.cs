using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Messages;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Targets;
using Lab.Core.Waits;
using Lab.Hosts.Ssh.Inventory;
using Lab.Hosts.Ssh.Transport;
using Lab.Instances;

namespace Lab.Hosts.Ssh;

/// <summary>
/// What every target that boots its own machines (containers, VMs) does the same way to reach them: an instance login
/// key for root, an inventory through the lab's own management namespace, and a wait until each machine's sshd answers.
/// </summary>
public static class ManagedMachines
{
    /// <summary>
    /// The up of a target that boots its own machines: claim the instance, render (a template error stops before anything
    /// boots), boot the machines, then the one bring-up plan over ssh; on failure everything made is removed through
    /// the target's own down, unless asked to keep it.
    /// </summary>
    /// <param name="boot">Boots the claimed lab's machines and returns the inventory reaching them.</param>
    public static async Task<LabInstance> UpAsync(ILabTarget target, LocalLayout layout, LabCatalog catalog, UpRequest request, string inventoryFile,
        double pace, Func<LabDefinition, Task<SshInventory>> boot, Action<string> progress, CancellationToken ct)
    {
        var instance = request.Instance;
        var (moved, secrets) = await InstanceClaim.ClaimAsync(layout,
            new ClaimRequest(request.Lab, instance, target.Name, null, GuardRoute: true, new InventoryRecord(inventoryFile, pace).Save), ct);
        try
        {
            progress(EngineText.BringUp.InstanceClaimed.In(request.Language, instance, moved.Subnet.ToString(),
                string.Join(", ", moved.Hosts.Select(h => $"{h.Name} {h.Address}"))));
            var files = new TemplateRenderer(catalog.TemplatesRoot, pace).RenderAll(moved, secrets); // a template error stops here
            var inventory = await boot(moved);
            return await SshBringUp.RunAsync(moved, instance, inventory, secrets, files, target.Name, progress, ct, pace, request.Language);
        }
        catch (Exception e) when (!request.KeepOnFailure)
        {
            progress(EngineText.BringUp.UpFailed.In(request.Language, e.Message.Split('\n')[0], instance));
            await target.DownAsync(instance, CancellationToken.None);
            throw;
        }
    }

    /// <returns>The public key to authorize on every machine.</returns>
    public static async Task<string> CreateLoginKeyAsync(string keyFile, string instance, CancellationToken ct)
    {
        File.Delete(keyFile);
        File.Delete(keyFile + ".pub");
        await ProcessRunner.RequireAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"lab-{instance}", "-f", keyFile], ct: ct);
        return File.ReadAllText(keyFile + ".pub");
    }

    /// <summary>
    /// A machine's identity under <paramref name="root"/> (its root filesystem, or the tree a VM copies over its own at
    /// boot): host name, /etc/hosts naming every lab host, the instance's key for root, a new SSH host key.
    /// </summary>
    /// <returns>The known_hosts line for the new host key.</returns>
    public static async Task<string> WriteIdentityAsync(string root, LabDefinition lab, HostDefinition host, string authorizedKey, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(root, "etc/ssh"));
        File.WriteAllText(Path.Combine(root, "etc/hostname"), host.Name + "\n");
        // Students type `ssh db2` or `ping haproxy` as on the classroom LAN.
        File.WriteAllText(Path.Combine(root, "etc/hosts"),
            $"127.0.0.1\tlocalhost\n127.0.1.1\t{host.Name}\n" + string.Concat(lab.Hosts.Select(h => $"{h.Address}\t{h.Name}\n")));
        var ssh = Path.Combine(root, "root/.ssh");
        Directory.CreateDirectory(ssh);
        File.SetUnixFileMode(ssh, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var keys = Path.Combine(ssh, "authorized_keys");
        File.WriteAllText(keys, authorizedKey);
        File.SetUnixFileMode(keys, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return await CreateHostKeyAsync(Path.Combine(root, "etc/ssh/ssh_host_ed25519_key"), host.Name, host.Address, ct);
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
    /// <param name="hosts">The hosts it reaches (all of the lab's when null; a mixed lab's VMs only).</param>
    public static SshInventory WriteInventory(string file, LabDefinition lab, string instance, string keyFile, string knownHosts, string target,
        IReadOnlyList<HostDefinition>? hosts = null)
    {
        var lines = new List<string>
        {
            $"# Written by `lab up --target {target}` for instance '{instance}': how the tool (and `lab shell`) reaches each host.",
            $"lab: {lab.Name}",
            $"knownHosts: {Path.GetFileName(knownHosts)}",
            "hosts:",
        };
        foreach (var h in hosts ?? lab.Hosts)
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

    private const int MaxBootRestarts = 3;

    private static async Task<IReadOnlyList<string>> FailedUnitsAsync(SshRunner runner, InventoryHost host, CancellationToken ct)
    {
        var r = await runner.RunAsync(host, "systemctl list-units --failed --no-legend --plain 2>/dev/null; true", null, TimeSpan.FromSeconds(30), ct);
        return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ')[0]).Where(u => u.Contains('.')).ToList();
    }

    /// <summary>
    /// Waits until every machine's sshd answers and its systemd has finished starting up. <paramref name="lastWords"/>
    /// gives what a machine that never answers last printed (its console), for the error.
    /// </summary>
    public static Task WaitBootedAsync(IReadOnlyList<HostDefinition> hosts, string instance, SshInventory inventory, TimeSpan timeout,
        Func<string, string?> lastWords, CancellationToken ct, double pace = 1)
    {
        var runner = SshConnections.Runner(instance, inventory, pace);
        return Task.WhenAll(hosts.Select(async h =>
        {
            var restarts = 0;
            try
            {
                await Until.Real.HoldsAsync($"{h.Name}: sshd answering and systemd done starting", async c =>
                {
                    // sshd can answer before dbus and systemd-tmpfiles-setup (which makes /run/mysqld) are done; a
                    // systemctl that cannot reach the manager yet fails at once instead of waiting, so the state it
                    // prints is the condition, not its exit code.
                    var r = await runner.RunAsync(inventory.Host(h.Name), "systemctl is-system-running --wait 2>&1; true", null, TimeSpan.FromSeconds(60), c);
                    var state = r.Stdout.Trim().Split('\n').LastOrDefault() ?? "";
                    if (!r.Ok) return new ProbeResult(false, r.Describe());
                    if (state == "running") return new ProbeResult(true, "system state 'running'");
                    if (state != "degraded") return new ProbeResult(false, $"system state '{state}'");
                    // A boot unit can lose the cgroup v1 race of a container (219/CGROUP): when that unit was
                    // systemd-tmpfiles-setup, /run/mysqld never existed and mariadb failed to start much later. Our
                    // own images boot clean, so what failed is started again before the machine counts as booted.
                    var failed = await FailedUnitsAsync(runner, inventory.Host(h.Name), c);
                    if (failed.Count == 0) return new ProbeResult(false, "system state 'degraded' (no failed unit listed yet)");
                    if (restarts >= MaxBootRestarts)
                        return new ProbeResult(true, $"system state 'degraded': {string.Join(", ", failed)} still failed after {restarts} restart(s)");
                    restarts++;
                    var units = string.Join(' ', failed);
                    await runner.RunAsync(inventory.Host(h.Name), $"systemctl reset-failed {units}; systemctl restart {units} 2>&1; true", null, TimeSpan.FromSeconds(60), c);
                    return new ProbeResult(false, $"system state 'degraded': {string.Join(", ", failed)} failed at boot; restarted them (try {restarts} of {MaxBootRestarts})");
                }, new WaitPolicy(timeout, TimeSpan.FromMilliseconds(500)), ct);
            }
            catch (WaitTimeoutException e) when (lastWords(h.Name) is { } words)
            {
                throw new Lab.Core.Errors.LabException($"{e.Message}\n{h.Name}'s console ended with:\n{words}");
            }
        }));
    }
}
