using Lab.Instances;

namespace Lab.Targets.Machines;

/// <summary>
/// Where a machines instance keeps its containers: outside the instance directory, so removing that directory can
/// never descend into a mounted root filesystem. Names carry the instance, so `down` touches only its own.
/// </summary>
public sealed class MachineLayout(LocalLayout layout)
{
    public string Root => Path.Combine(layout.StateRoot, "machines");
    public string InstanceDir(string instance) => Path.Combine(Root, instance);
    public string HostDir(string instance, string host) => Path.Combine(InstanceDir(instance), host);
    public string Upper(string instance, string host) => Path.Combine(HostDir(instance, host), "upper");
    public string Work(string instance, string host) => Path.Combine(HostDir(instance, host), "work");
    public string RootFs(string instance, string host) => Path.Combine(HostDir(instance, host), "root");
    public string PidFile(string instance, string host) => Path.Combine(HostDir(instance, host), "nspawn.pid");
    public string ConsoleLog(string instance, string host) => Path.Combine(HostDir(instance, host), "console.log");

    /// <summary>The instance's login key, known_hosts and inventory sit with its other state (removed by `down`).</summary>
    public string KeyFile(string instance) => Path.Combine(layout.InstanceDir(instance), "id_ed25519");
    public string KnownHosts(string instance) => Path.Combine(layout.InstanceDir(instance), "known_hosts");
    public string InventoryFile(string instance) => Path.Combine(layout.InstanceDir(instance), "inventory.yaml");

    /// <summary>A machine name unique on this machine (nspawn keeps per-machine state under /run by this name).</summary>
    public static string MachineName(string instance, string host) => $"lab-{instance}-{host}";
}
