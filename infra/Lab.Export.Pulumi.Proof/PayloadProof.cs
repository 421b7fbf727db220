using System.Diagnostics;
using Lab.Core.Errors;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Targets;
using Lab.Export.Pulumi.Proof.Hosts;
using Lab.Export.Pulumi.Proof.Program;
using Lab.Hosts.Ssh;
using Lab.Images;
using Lab.Instances;
using Lab.Targets.Machines;
using Lab.Targets.Vm;

namespace Lab.Export.Pulumi.Proof;

/// <summary>
/// Proves a lab's Azure program without a cloud: one machine per VM of the program (a systemd-nspawn machine, or a QEMU
/// VM when the lab needs a kernel of its own), on the lab's private network at the VM's static address, each booted once
/// with its VM's exact user-data through cloud-init's NoCloud data source; then the program's command resources,
/// exactly as written, over SSH as their connection says; then the program's <c>inventory</c> output becomes the ssh
/// target's inventory, for the lab's scenarios. The instance is recorded as a machines or vm instance, so `lab down`
/// removes everything it made.
/// </summary>
public sealed class PayloadProof(LabCatalog catalog, LocalLayout layout)
{
    public const string ProgramFile = "Pulumi.yaml";

    /// <summary>VMs when any host must be one (DRBD's block device), else systemd machines, which boot in seconds.</summary>
    public IProofMachines MachinesFor(LabDefinition lab) =>
        lab.Hosts.Any(h => h.MustBeVm) ? new VmProofMachines(catalog, layout) : new ContainerProofMachines(catalog, layout);

    /// <summary>The proved lab, opened over the ssh target, and the time each phase took.</summary>
    public async Task<(LabInstance Lab, ProofTimes Times)> UpAsync(string labName, string instance, Action<string> progress, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        var lab = catalog.Load(labName);
        var machines = MachinesFor(lab);
        var program = PulumiYamlProgram.Load(Path.Combine(lab.Directory, ProgramFile));
        var payload = ProgramPayload.From(program);
        var hosts = HostsOf(lab, payload);
        await machines.PrepareImageAsync(progress, ct);

        // The program's addresses are the lab's own: the instance keeps that subnet, never a moved one. Claimed like any
        // instance's subnet: refused while another instance (of any state root) holds it.
        // The login key, known_hosts and inventory sit in the instance's own directory, where both targets keep them
        // (MachineLayout and VmLayout agree): `lab down` removes them, and a VM's power switch reads the inventory.
        var files = new MachineLayout(layout);
        var (_, secrets) = await InstanceClaim.ClaimAsync(layout, new ClaimRequest(lab, instance, machines.Target, lab.Subnet, GuardRoute: true,
            new InventoryRecord(files.InventoryFile(instance), machines.Pace).Save), ct);
        try
        {
            var clock = Stopwatch.StartNew();
            await machines.CreateNetworkAsync(instance, lab, ct);
            await ManagementNamespace.CreateAsync(instance, lab, ct);
            var publicKey = await ManagedMachines.CreateLoginKeyAsync(files.KeyFile(instance), instance, ct);
            var values = new ProofValues(payload, secrets, instance, publicKey, await File.ReadAllTextAsync(files.KeyFile(instance), ct));
            var knownHosts = new List<string>();
            foreach (var (vm, host) in hosts)
                knownHosts.Add(await machines.PrepareAsync(instance, lab, host, root =>
                    NoCloudSeed.Write(root, vm, values.Resolve(vm.UserData), values.Resolve(vm.AdminUser), publicKey, $"{instance}-{vm.ComputerName}"), ct));
            await File.WriteAllLinesAsync(files.KnownHosts(instance), knownHosts, ct);
            var ssh = new ProofSsh(instance, files.KeyFile(instance), files.KnownHosts(instance));
            var runner = new CommandRunner(ssh, values, progress);
            progress($"{lab.Name}: booting {hosts.Count} {(machines.Target == MachinesTarget.TargetName ? "machines" : "VMs")} with their VMs' user-data (cloud-init NoCloud)");
            await Task.WhenAll(hosts.Select(h => machines.StartAsync(instance, lab, h.Host, ct)));

            // Each host's own address from the management namespace (the jump host itself when it is the public one).
            var admin = values.Resolve(hosts[0].Vm.AdminUser);
            await Task.WhenAll(hosts.Select(h => runner.DialAsync(admin, h.Vm.PrivateAddress, null, null, ct, machines.Repair(instance, h.Host),
                machines.Boot(hosts.Count))));
            var boot = clock.Elapsed.TotalSeconds;
            progress($"{lab.Name}: sshd answers as {admin} on every host after {boot:0.0}s; waiting for cloud-init");
            await Task.WhenAll(hosts.Select(h => CloudInitDoneAsync(ssh, admin, h.Vm, ct)));
            var cloudInit = clock.Elapsed.TotalSeconds - boot;
            progress($"{lab.Name}: cloud-init done on every host in {cloudInit:0.0}s; the program's {payload.Commands.Count} commands in dependency order");

            var steps = await runner.RunAsync(payload.Commands, ct);
            var commands = clock.Elapsed.TotalSeconds - boot - cloudInit;
            progress($"{lab.Name}: commands done in {commands:0.0}s");

            var inventory = ProofInventory.Write(files.InventoryFile(instance), payload, values, ssh, instance, files.KeyFile(instance), files.KnownHosts(instance));
            return (machines.Attach(SshLab.Open(lab, instance, inventory, secrets, "ssh", machines.Pace)), new ProofTimes(boot, cloudInit, commands, steps));
        }
        catch (Exception e)
        {
            progress($"{lab.Name}: payload proof failed ({e.Message.Split('\n')[0]}); instance '{instance}' kept for inspection until `lab down --instance {instance}`");
            throw;
        }
    }

    /// <summary>Removes everything the proof made, as `lab down` of its target does.</summary>
    public Task<DownReport> DownAsync(string instance, CancellationToken ct) =>
        (InstanceRecord.TryLoad(layout, instance)?.Target == VmTarget.TargetName ? (IProofMachines)new VmProofMachines(catalog, layout)
            : new ContainerProofMachines(catalog, layout)).DownAsync(instance, ct);

    /// <summary>`cloud-init status --wait` as the commands run it: done, or the error with cloud-init's own account of it.</summary>
    private static async Task CloudInitDoneAsync(ProofSsh ssh, string admin, VmPayload vm, CancellationToken ct)
    {
        var r = await ssh.RunAsync(admin, vm.PrivateAddress, null, null, "sudo cloud-init status --wait --long", null, TimeSpan.FromMinutes(10), ct);
        if (!r.Ok || !r.Stdout.Contains("status: done"))
            throw new LabException($"{vm.ComputerName}: cloud-init did not finish cleanly ({r.Describe()})\n{r.Stdout.Trim()}");
    }

    /// <summary>Every VM of the program is a host of the lab at the same address (the machines' network is the lab's).</summary>
    private static IReadOnlyList<(VmPayload Vm, HostDefinition Host)> HostsOf(LabDefinition lab, ProgramPayload payload)
    {
        var pairs = payload.Vms.Select(vm => (Vm: vm, Host: lab.Hosts.FirstOrDefault(h => h.Name == vm.ComputerName)
            ?? throw new LabException($"{payload.Program.File}: VM '{vm.ComputerName}' is no host of lab {lab.Name}"))).ToList();
        foreach (var (vm, host) in pairs)
            if (host.Address != vm.PrivateAddress)
                throw new LabException($"{payload.Program.File}: VM '{vm.ComputerName}' has {vm.PrivateAddress}, the lab's host {host.Address}; export the program again");
        if (pairs.Count != lab.Hosts.Count) throw new LabException($"{payload.Program.File}: {pairs.Count} VMs for {lab.Hosts.Count} hosts of lab {lab.Name}");
        return pairs;
    }
}
