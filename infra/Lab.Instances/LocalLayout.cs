namespace Lab.Instances;

/// <summary>
/// Where an instance's pieces live, and what they are called. Every name carries the instance name between dots
/// (instance and host names cannot contain dots), so `down` of "galera" can never touch "galera-2".
/// </summary>
public sealed class LocalLayout
{
    public LocalLayout(string stateRoot, string namespaceRoot, string cacheRoot)
    {
        StateRoot = stateRoot;
        NamespaceRoot = namespaceRoot;
        CacheRoot = cacheRoot;
    }

    /// <summary>Defaults, overridable with LAB_STATE_DIR / LAB_CACHE_DIR (tests use their own state root).</summary>
    public static LocalLayout Default => new(
        Environment.GetEnvironmentVariable("LAB_STATE_DIR") is { Length: > 0 } s ? s : "/var/lib/lab",
        "/run/lab/ns",
        Environment.GetEnvironmentVariable("LAB_CACHE_DIR") is { Length: > 0 } c ? c : "/var/cache/lab");

    public string StateRoot { get; }
    public string NamespaceRoot { get; }
    public string CacheRoot { get; }

    public string InstancesDir => Path.Combine(StateRoot, "instances");
    public string LockFile => Path.Combine(StateRoot, ".lock");
    /// <summary>
    /// One lock for the whole machine, whatever the state root: instances of different state roots (parallel test
    /// runs, a second LAB_STATE_DIR) share the machine's routing table, so choosing a subnet and routing it must not
    /// interleave between them.
    /// </summary>
    public const string MachineSubnetLockFile = "/run/lab/subnets.lock";
    public string InstanceDir(string instance) => Path.Combine(InstancesDir, instance);
    public string RecordFile(string instance) => Path.Combine(InstanceDir(instance), "instance.json");
    public string SecretsFile(string instance) => Path.Combine(InstanceDir(instance), "secrets.json");
    /// <summary>The directories on the machine this instance's mounts needed and that the machine lacked (see <see cref="CreatedMountPoints"/>).</summary>
    public string MountPointsFile(string instance) => Path.Combine(InstanceDir(instance), "mount-points");
    public string MountPointsLockFile => Path.Combine(StateRoot, ".mount-points.lock");
    public string HostDir(string instance, string host) => Path.Combine(InstanceDir(instance), "hosts", host);

    /// <summary>The host's private copy of the machine's tree: /etc/mysql on db1 is HostRoot/etc/mysql here.</summary>
    public string HostRoot(string instance, string host) => Path.Combine(HostDir(instance, host), "root");

    public string HostPath(string instance, string host, string pathOnHost) =>
        Path.Combine(HostRoot(instance, host), pathOnHost.TrimStart('/'));

    public string ServiceDir(string instance, string host) => Path.Combine(HostDir(instance, host), "services");

    public const string NetnsPrefix = "lab.";
    public static string InstancePrefix(string instance) => $"{NetnsPrefix}{instance}.";
    public static string HostNetns(string instance, string host) => $"{InstancePrefix(instance)}{host}";
    public static string SwitchNetns(string instance) => $"{InstancePrefix(instance)}_switch";
    public static string NetnsPath(string netns) => Path.Combine("/run/netns", netns);

    public string MountNsFile(string instance, string host) => Path.Combine(NamespaceRoot, $"{instance}.{host}.mnt");
    public string UtsNsFile(string instance, string host) => Path.Combine(NamespaceRoot, $"{instance}.{host}.uts");

    /// <summary>nsenter arguments that put a command inside a host (network, mount and hostname namespaces).</summary>
    public IReadOnlyList<string> EnterHost(string instance, string host) =>
    [
        $"--net={NetnsPath(HostNetns(instance, host))}",
        $"--mount={MountNsFile(instance, host)}",
        $"--uts={UtsNsFile(instance, host)}",
        "--wd=/",
        "--",
    ];
}
