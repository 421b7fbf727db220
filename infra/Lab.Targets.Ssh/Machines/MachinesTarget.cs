using System.Diagnostics;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Waits;
using Lab.Targets.Local;
using Lab.Targets.Ssh.Inventory;

namespace Lab.Targets.Ssh.Machines;

/// <summary>
/// VM-like hosts without a hypervisor: one systemd-nspawn container per host, booted with systemd and sshd from the
/// cached Debian image, on the same private lab network as the local target, then driven entirely by the ssh target.
/// </summary>
public sealed class MachinesTarget(LabCatalog catalog, LocalLayout layout)
{
    public const string Name = "machines";

    private readonly MachineLayout _machines = new(layout);
    private SshTarget Ssh => new(catalog, layout);

    public async Task<LabInstance> UpAsync(LabDefinition lab, string instance, bool keepOnFailure, Action<string> progress, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        MachinesPreflight.Check();
        var clock = Stopwatch.StartNew();
        var image = await MachineImage.EnsureAsync(layout, progress, ct);
        var (moved, secrets) = await InstanceClaim.ClaimAsync(layout, lab, instance, null, new TargetRecord(Name, _machines.InventoryFile(instance)).Save, ct);
        try
        {
            progress($"instance '{instance}': subnet {moved.Subnet}, machines {string.Join(", ", moved.Hosts.Select(h => $"{h.Name} {h.Address}"))}");
            await LabNetwork.CreateAsync(instance, moved, ct);
            var from = await ManagementNamespace.CreateAsync(instance, moved, ct);
            var publicKey = await CreateLoginKeyAsync(instance, ct);

            var boots = moved.Hosts.Select(h => new MachineBoot(_machines, instance, h)).ToList();
            var knownHosts = await Task.WhenAll(boots.Select(b => b.PrepareAsync(image, moved, publicKey, ct)));
            File.WriteAllText(_machines.KnownHosts(instance), string.Join("\n", knownHosts) + "\n");
            await Task.WhenAll(boots.Select(b => b.StartAsync(ct)));
            var inventory = WriteInventory(moved, instance);
            progress($"{moved.Hosts.Count} machines booting; ssh from {from} in the lab's own namespace ({clock.Elapsed.TotalSeconds:0.00}s)");

            var runner = SshTarget.Runner(instance, inventory);
            await Task.WhenAll(moved.Hosts.Select(h => Until.Real.HoldsAsync($"{h.Name}: sshd answering", async c =>
            {
                var r = await runner.RunAsync(inventory.Host(h.Name), "systemctl is-system-running --wait >/dev/null 2>&1; true", null, TimeSpan.FromSeconds(60), c);
                return new ProbeResult(r.Ok, r.Describe());
            }, new WaitPolicy(TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(200)), ct)));
            progress($"machines booted, sshd answering ({clock.Elapsed.TotalSeconds:0.00}s)");
            return await Ssh.BringUpAsync(moved, instance, inventory, secrets, Name, progress, ct);
        }
        catch (Exception e) when (!keepOnFailure)
        {
            progress($"up failed ({e.Message.Split('\n')[0]}); removing what was made for '{instance}'");
            await DownAsync(instance, CancellationToken.None);
            throw;
        }
    }

    public LabInstance Open(string instance) => Ssh.Open(instance);

    /// <summary>True when the instance is (or was half-way) a machines instance.</summary>
    public bool Owns(string instance) =>
        TargetRecord.TryLoad(layout, instance)?.Target == Name || Directory.Exists(_machines.InstanceDir(instance));

    public async Task<Reaper.Report> DownAsync(string instance, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        Preflight.RequireRoot();
        await Ssh.CloseConnectionsAsync(instance, ct);
        var report = await Reaper.DownAsync(layout, instance, ct);
        var machines = await MachineReaper.RemoveAsync(_machines, instance, ct);
        return report with { Directory = report.Directory || machines > 0 };
    }

    private async Task<string> CreateLoginKeyAsync(string instance, CancellationToken ct)
    {
        var key = _machines.KeyFile(instance);
        File.Delete(key);
        File.Delete(key + ".pub");
        await ProcessRunner.RequireAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", $"lab-{instance}", "-f", key], ct: ct);
        return File.ReadAllText(key + ".pub");
    }

    /// <summary>The inventory the ssh target reads: root with the instance's key, through the lab's own namespace.</summary>
    private SshInventory WriteInventory(LabDefinition lab, string instance)
    {
        var file = _machines.InventoryFile(instance);
        var lines = new List<string>
        {
            $"# Written by `lab up --target machines` for instance '{instance}': how the tool (and `lab shell`) reaches each machine.",
            $"lab: {lab.Name}",
            $"knownHosts: {Path.GetFileName(_machines.KnownHosts(instance))}",
            "hosts:",
        };
        foreach (var h in lab.Hosts)
            lines.AddRange([
                $"  {h.Name}:",
                $"    address: {h.Address}",
                $"    role: {h.Role}",
                "    user: root",
                "    port: 22",
                $"    key: {Path.GetFileName(_machines.KeyFile(instance))}",
                $"    proxyCommand: \"{ManagementNamespace.ProxyCommand(instance)}\"",
            ]);
        File.WriteAllText(file, string.Join("\n", lines) + "\n");
        return InventoryLoader.Load(file);
    }
}
