using Lab.Core.BringUp;
using Lab.Core.Errors;
using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Targets;
using Lab.Core.Waits;
using Lab.Hosts.Ssh;
using Lab.Hosts.Ssh.Inventory;
using Lab.Instances;

namespace Lab.Targets.Azure;

/// <summary>
/// A lab on Azure VMs: `pulumi up` on the lab's generated program (labs/&lt;lab&gt;/Pulumi.yaml, one stack per instance)
/// creates the VMs and runs the bring-up plan's steps as command resources; its outputs are the SSH inventory, and the
/// plan's checks are then run from here over SSH, like on any VM. `down` destroys the stack.
/// </summary>
public sealed class AzureTarget(LabCatalog catalog, LocalLayout layout, Func<string?>? locatePulumi = null) : ILabTarget
{
    public const string TargetName = "azure";

    public string Name => TargetName;

    public string Summary => "VMs created by `pulumi up` of labs/<lab>/Pulumi.yaml (one stack per instance), then driven over ssh";

    private string InventoryFile(string instance) => Path.Combine(layout.InstanceDir(instance), "inventory.json");

    private PulumiCli Cli(LabDefinition lab, string instance) =>
        new((locatePulumi ?? (() => PulumiCli.Locate()))() ?? throw new PreflightException(PulumiCli.InstallHint), lab.Directory, instance);

    public async Task<LabInstance> UpAsync(UpRequest request, Action<string> progress, CancellationToken ct)
    {
        BareMode.Refuse(request, Name); // their hosts are provisioned with the lab's files: no bare mode there yet
        var (lab, instance) = (request.Lab, InstanceName.Validate(request.Instance));
        if (request.Inventory is not null)
            throw new LabInputException("--inventory is for --target ssh (the azure target gets its inventory from the stack's outputs)");
        var cli = Cli(lab, instance); // before anything is claimed: a missing CLI leaves nothing behind
        if (!File.Exists(Path.Combine(lab.Directory, "Pulumi.yaml")))
            throw new PreflightException($"{lab.Directory}/Pulumi.yaml does not exist; generate it with `lab export pulumi {lab.Name} --cloud azure`");
        await InstanceClaim.ClaimAsync(layout,
            new ClaimRequest(lab, instance, Name, lab.Subnet, GuardRoute: false, new InventoryRecord(InventoryFile(instance)).Save), ct);

        progress($"pulumi stack '{instance}' in {lab.Directory}: pulumi up (VMs, cloud-init, then the bring-up plan as command resources; several minutes)");
        Require(await cli.SelectStackAsync(ct), "pulumi stack select");
        Require(await cli.UpAsync(progress, ct), "pulumi up");
        var outputs = Require(await cli.OutputsAsync(ct), "pulumi stack output");
        await File.WriteAllTextAsync(InventoryFile(instance), outputs.Stdout, ct);
        var inventory = InventoryLoader.Load(InventoryFile(instance));
        progress($"stack outputs → {InventoryFile(instance)} ({inventory.Hosts.Count} hosts)");

        // The program ran the plan's steps; its checks prove the result from here, through SSH.
        var opened = Open(instance);
        // Except the VIP check: on Azure the VIP is a load balancer's frontend, on no host's interface; the program's own
        // step and the client query through it prove it instead.
        await new BringUpRunner(opened, Until.Real, progress).RunAsync(
            BringUpPlan.For(opened.Lab, GaleraStart.Classic).Checks.Where(s => s is not WaitVirtualIpStep),
            (_, _) => Task.CompletedTask, ct);
        return opened;
    }

    public LabInstance Open(string instance) => SshLab.OpenRecorded(catalog, layout, instance, Name);

    public bool Owns(string instance) => InstanceRecord.TryLoad(layout, instance)?.Target == Name;

    public IReadOnlyList<HostPlacement> Describe(LabInstance instance) => SshLab.Describe(instance);

    /// <summary>`pulumi destroy` of the instance's stack, then the local record is forgotten.</summary>
    public async Task<DownReport> DownAsync(string instance, CancellationToken ct)
    {
        var record = InstanceRecord.TryLoad(layout, instance);
        var destroyed = false;
        if (record is not null)
        {
            var cli = Cli(catalog.Load(record.Lab), instance);
            Require(await cli.DestroyAsync(_ => { }, ct), "pulumi destroy");
            destroyed = true;
        }
        var closed = await SshConnections.CloseAsync(layout, instance, ct);
        return (await Reaper.DownAsync(layout, instance, ct)).For(Name)
            .With(destroyed ? $"pulumi stack '{instance}' destroyed" : null, closed ? "its ssh connections" : null);
    }

    private static CommandResult Require(CommandResult result, string what) =>
        result.Ok ? result : throw new HostCommandException("pulumi", what, result);
}
