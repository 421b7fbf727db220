using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Secrets;
using Lab.Core.Targets;
using Lab.Hosts.Ssh.Inventory;
using Lab.Instances;

namespace Lab.Hosts.Ssh;

/// <summary>Opens an instance whose hosts are reached over SSH (ssh, machines and azure targets alike).</summary>
public static class SshLab
{
    public static LabInstance Open(LabDefinition lab, string instance, SshInventory inventory, LabSecrets secrets, string target, double pace = 1)
    {
        var runner = SshConnections.Runner(instance, inventory, pace);
        return new LabInstance(instance, target, lab, secrets, lab.Hosts.Select(h => new SshHost(h, inventory.Host(h.Name), runner, pace)), pace);
    }

    /// <summary>Opens a recorded instance through the inventory its record names.</summary>
    public static LabInstance OpenRecorded(LabCatalog catalog, LocalLayout layout, string instance, string target)
    {
        var record = InstanceRecord.TryLoad(layout, instance)
            ?? throw new InstanceNotFoundException(instance, Reaper.ExistingInstances(layout));
        var where = InventoryRecord.TryLoad(layout, instance)
            ?? throw new Lab.Core.Errors.LabException($"instance '{instance}' has no inventory record in {layout.InstanceDir(instance)}");
        var lab = catalog.Load(record.Lab);
        if (!Ipv4Subnet.TryParse(record.Subnet, out var subnet))
            throw new Lab.Core.Errors.LabException($"{layout.RecordFile(instance)}: bad subnet '{record.Subnet}'");
        return Open(lab.MovedTo(subnet), instance, InventoryLoader.Load(where.Inventory), InstanceRecord.LoadSecrets(layout, instance), target, where.Pace);
    }

    public static IReadOnlyList<HostPlacement> Describe(LabInstance instance) =>
        instance.Hosts.Values.OfType<SshHost>().Select(h => new HostPlacement(h.Name, h.Definition.Address,
            $"ssh {h.Endpoint.User}@{h.Endpoint.Address}:{h.Endpoint.Port}" + (h.Endpoint.Jump is { } j ? $" via {j}" : h.Endpoint.ProxyCommand is not null ? " via the lab's own namespace" : ""))).ToList();
}
