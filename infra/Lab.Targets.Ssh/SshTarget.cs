using Lab.Core.Errors;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Rendering;
using Lab.Core.Targets;
using Lab.Hosts.Ssh;
using Lab.Hosts.Ssh.Inventory;
using Lab.Instances;

namespace Lab.Targets.Ssh;

/// <summary>
/// Hosts are existing machines with systemd reached over SSH (classroom VMs on a bridged LAN, the Azure program's VMs):
/// packages with apt-get, the same rendered files as every target, services with systemctl, and the one bring-up plan
/// the seeds' way (galera_new_cluster on the first node, the others join by SST). `down` forgets the instance; the
/// machines themselves are left as they are.
/// </summary>
public sealed class SshTarget(LabCatalog catalog, LocalLayout layout) : ILabTarget
{
    public const string TargetName = "ssh";

    public string Name => TargetName;

    public string Summary => "existing VMs from --inventory (classroom VMs on a bridged LAN, Azure VMs): OpenSSH with your keys, sudo, systemd";

    public async Task<LabInstance> UpAsync(UpRequest request, Action<string> progress, CancellationToken ct)
    {
        BareMode.Refuse(request, Name); // their hosts are provisioned with the lab's files: no bare mode there yet
        InstanceName.Validate(request.Instance);
        var inventoryFile = request.Inventory
            ?? throw new LabInputException("--target ssh needs --inventory FILE: each host's address, user, port, key");
        if (request.Lab.AllNetworks.Count > 1)
            throw new LabInputException($"lab '{request.Lab.Name}' declares {request.Lab.AllNetworks.Count} networks, and an inventory gives each host one address; " +
                "--target ssh supports single-network labs (run this one with the local or vm target)");
        var inventory = InventoryLoader.Load(inventoryFile);
        var subnet = InventoryMatch.SubnetFor(request.Lab, inventory);
        // The hosts are someone else's machines on their own network: no guard route here, and no subnet allocation.
        var (lab, secrets) = await InstanceClaim.ClaimAsync(layout,
            new ClaimRequest(request.Lab, request.Instance, Name, subnet, GuardRoute: false, new InventoryRecord(inventory.SourceFile).Save), ct);
        try
        {
            var files = new TemplateRenderer(catalog.TemplatesRoot).RenderAll(lab, secrets); // a template error stops here
            return await SshBringUp.RunAsync(lab, request.Instance, inventory, secrets, files, Name, progress, ct, language: request.Language);
        }
        catch (Exception e) when (!request.KeepOnFailure)
        {
            progress($"up failed ({e.Message.Split('\n')[0]}); forgetting instance '{request.Instance}' (the machines themselves are left as they are)");
            await DownAsync(request.Instance, CancellationToken.None);
            throw;
        }
    }

    public LabInstance Open(string instance) => SshLab.OpenRecorded(catalog, layout, instance, Name);

    public bool Owns(string instance) => InstanceRecord.TryLoad(layout, instance)?.Target == Name;

    public IReadOnlyList<HostPlacement> Describe(LabInstance instance) => SshLab.Describe(instance);

    /// <summary>Forgets the instance: closes its connections and removes its local state. The VMs are not touched.</summary>
    public async Task<DownReport> DownAsync(string instance, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        var closed = await SshConnections.CloseAsync(layout, instance, ct);
        return (await Reaper.DownAsync(layout, instance, ct)).For(Name).With(closed ? "its ssh connections" : null);
    }
}
