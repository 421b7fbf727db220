using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Waits;
using Lab.Targets.Local;
using Lab.Targets.Ssh.Inventory;

namespace Lab.Targets.Ssh.Azure;

/// <summary>
/// A lab on Azure VMs: `pulumi up` on the lab's generated program (labs/&lt;lab&gt;/Pulumi.yaml, one stack per instance)
/// creates the VMs and forms the cluster; its outputs are the SSH inventory, and from there scenarios run through the
/// ssh target like on any VM. `down` destroys the stack.
/// </summary>
public sealed class AzureTarget(LabCatalog catalog, LocalLayout layout, Func<string?>? locatePulumi = null)
{
    public const string Name = "azure";

    private string InventoryFile(string instance) => Path.Combine(layout.InstanceDir(instance), "inventory.json");

    private PulumiCli Cli(LabDefinition lab, string instance) =>
        new(( locatePulumi ?? (() => PulumiCli.Locate()))() ?? throw new PreflightException(PulumiCli.InstallHint), lab.Directory, instance);

    public async Task<LabInstance> UpAsync(LabDefinition lab, string instance, Action<string> progress, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        var cli = Cli(lab, instance); // before anything is claimed: a missing CLI leaves nothing behind
        if (!File.Exists(Path.Combine(lab.Directory, "Pulumi.yaml")))
            throw new PreflightException($"{lab.Directory}/Pulumi.yaml does not exist; generate it with `lab export pulumi {lab.Name} --cloud azure`");
        var (moved, _) = await InstanceClaim.ClaimAsync(layout, lab, instance, lab.Subnet, new TargetRecord(Name, InventoryFile(instance)).Save, ct);

        progress($"pulumi stack '{instance}' in {lab.Directory}: pulumi up (VMs, cloud-init, galera_new_cluster then joins; several minutes)");
        Require(await cli.SelectStackAsync(ct), "pulumi stack select");
        Require(await cli.UpAsync(ct), "pulumi up");
        var outputs = Require(await cli.OutputsAsync(ct), "pulumi stack output");
        await File.WriteAllTextAsync(InventoryFile(instance), outputs.Stdout, ct);
        var inventory = InventoryLoader.Load(InventoryFile(instance));
        progress($"stack outputs → {InventoryFile(instance)} ({inventory.Hosts.Count} hosts)");

        var opened = new SshTarget(catalog, layout).Open(instance);
        // The program already formed the cluster; this only proves it from here, through the ssh target.
        var bringUp = new GaleraBringUp(opened, Until.Real, progress);
        await bringUp.WaitSyncedAsync(opened.HostsRunning(Lab.Core.Services.ServiceCatalog.Galera), moved.HostsRunning(Lab.Core.Services.ServiceCatalog.Galera).Count, ct);
        await bringUp.WaitHaproxyAsync(ct);
        return opened;
    }

    /// <summary>`pulumi destroy` of the instance's stack, then the local record is forgotten.</summary>
    public async Task<Reaper.Report> DownAsync(string instance, CancellationToken ct)
    {
        var record = InstanceRecord.TryLoad(layout, instance);
        if (record is not null)
        {
            var cli = Cli(catalog.Load(record.Lab), instance);
            Require(await cli.DestroyAsync(ct), "pulumi destroy");
        }
        return await new SshTarget(catalog, layout).DownAsync(instance, ct);
    }

    private static CommandResult Require(CommandResult result, string what) =>
        result.Ok ? result : throw new HostCommandException("pulumi", what, result);
}
