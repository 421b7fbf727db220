using Lab.Instances;

namespace Lab.Hosts.Vm;

/// <summary>
/// Where a vm instance keeps its VMs (overlay disk, seed disk, console log, QEMU's pid): one directory per host under
/// the state root, named for the instance, so `down` removes only its own.
/// </summary>
public sealed class VmLayout(LocalLayout layout)
{
    public string Root => Path.Combine(layout.StateRoot, "vms");
    public string InstanceDir(string instance) => Path.Combine(Root, instance);
    public string HostDir(string instance, string host) => Path.Combine(InstanceDir(instance), host);
    public string Overlay(string instance, string host) => Path.Combine(HostDir(instance, host), "disk.qcow2");
    public string SeedDir(string instance, string host) => Path.Combine(HostDir(instance, host), "seed");
    public string SeedImage(string instance, string host) => Path.Combine(HostDir(instance, host), "seed.img");
    public string PidFile(string instance, string host) => Path.Combine(HostDir(instance, host), "qemu.pid");
    public string ConsoleLog(string instance, string host) => Path.Combine(HostDir(instance, host), "console.log");
    public string DataDisk(string instance, string host) => Path.Combine(HostDir(instance, host), "data.img");

    /// <summary>The instance's login key, known_hosts and inventory sit with its other state (removed by `down`).</summary>
    public string KeyFile(string instance) => Path.Combine(layout.InstanceDir(instance), "id_ed25519");
    public string KnownHosts(string instance) => Path.Combine(layout.InstanceDir(instance), "known_hosts");
    public string InventoryFile(string instance) => Path.Combine(layout.InstanceDir(instance), "inventory.yaml");

    /// <summary>The tap device of the host's n-th interface, inside the lab's switch namespace (at most 15 characters).</summary>
    public static string Tap(int hostIndex, int nic = 0) => nic == 0 ? $"vm{hostIndex}" : $"vm{hostIndex}n{nic}";

    /// <summary>A locally administered MAC per host of the lab (the bridge is the lab's own, so the index is unique on it).</summary>
    public static string Mac(int hostIndex, int nic = 0) => $"52:54:{nic:x2}:4c:{hostIndex / 256:x2}:{hostIndex % 256:x2}";
}
