using Lab.Core.Services;

namespace Lab.Hosts.Ssh;

/// <summary>
/// How the lab's services are driven through systemd on a host: unit names, the drop-in every lab unit gets, and the
/// shell that starts a new Galera cluster the way galera_new_cluster does.
/// </summary>
public static class SystemdUnits
{
    public static string UnitOf(string service) => SystemdDropIn.UnitOf(service);

    public static bool IsSocket(string service) => SystemdDropIn.IsSocket(service);

    public static string DropInPath(string service) => SystemdDropIn.PathOf(service);

    /// <summary>The drop-in every lab unit gets (<see cref="SystemdDropIn"/>, shared with the Azure program's cloud-init).</summary>
    public static string DropIn(string service) => SystemdDropIn.Content(service);

    /// <summary>
    /// `systemctl start` with extra server arguments. --wsrep-new-cluster goes where galera_new_cluster puts it (the
    /// unit's environment file in newer packages, the manager's environment in older ones); anything else in
    /// MYSQLD_OPTS. Both are cleared afterwards so the next plain start joins instead of bootstrapping.
    /// </summary>
    public static string StartScript(string service, IReadOnlyList<string>? extraArgs)
    {
        var unit = UnitOf(service);
        var args = extraArgs ?? [];
        if (args.Count == 0 || !ServiceCatalog.IsDatabase(service)) return StartWithRetry(unit) + "\nexit $rc";
        var newCluster = args.Contains("--wsrep-new-cluster");
        var others = string.Join(' ', args.Where(a => a != "--wsrep-new-cluster"));
        var set = new List<string>();
        var unset = new List<string>();
        if (newCluster)
        {
            set.Add("mkdir -p /run/mysqld && echo _WSREP_NEW_CLUSTER=--wsrep-new-cluster > /run/mysqld/wsrep-new-cluster");
            set.Add("systemctl set-environment _WSREP_NEW_CLUSTER=--wsrep-new-cluster");
            unset.Add("rm -f /run/mysqld/wsrep-new-cluster; systemctl unset-environment _WSREP_NEW_CLUSTER");
        }
        if (others.Length > 0)
        {
            set.Add($"systemctl set-environment MYSQLD_OPTS={Transport.SshArguments.Quote(others)}");
            unset.Add("systemctl unset-environment MYSQLD_OPTS");
        }
        return string.Join("\n", set) + "\n" + StartWithRetry(unit) + "\n" + string.Join("\n", unset) + "\nexit $rc";
    }

    /// <summary>
    /// `systemctl start`, again when systemd could not place the new process in the unit's cgroup (status 219/CGROUP):
    /// inside a container on a cgroup v1 host, the cgroup of a just-killed server is not always released in time. A
    /// bounded retry (10 tries, half a second apart) rather than a wait: nothing outside says when the kernel lets go.
    /// Any other failure ends it at once. Sets rc.
    /// </summary>
    private static string StartWithRetry(string unit) =>
        $"n=0; while :; do systemctl start {unit}; rc=$?; n=$((n+1)); [ $rc -eq 0 ] || [ $n -ge 10 ] && break; " +
        $"journalctl -u {unit} -n 3 --no-pager 2>/dev/null | grep -q '219/CGROUP' || break; systemctl reset-failed {unit}; sleep 0.5; done";

    /// <summary>Prints MainPID, ActiveState, SubState and the main process's state letter (T when stopped by SIGSTOP).</summary>
    public static string StatusScript(string service) =>
        $"systemctl show -p MainPID -p ActiveState -p SubState {UnitOf(service)}; " +
        "pid=$(systemctl show -p MainPID --value " + UnitOf(service) + "); " +
        "[ \"$pid\" -gt 0 ] 2>/dev/null && echo ProcState=$(sed 's/.*) //' /proc/$pid/stat 2>/dev/null | cut -c1) || true";
}
