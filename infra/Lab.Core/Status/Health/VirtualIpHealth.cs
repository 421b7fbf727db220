using Lab.Core.Services;

namespace Lab.Core.Status.Health;

/// <summary>
/// The virtual IP clients use is on exactly one host, and on the one that should answer: the writable primary of a
/// replication lab, the DRBD Primary of a DRBD pair.
/// </summary>
public sealed class VirtualIpHealth(string address) : IHealthRule
{
    public string Demands => $"the virtual IP {address} on exactly one host, the one serving writes";

    public IEnumerable<HealthProblem> Check(LabStatus status, LabCommands commands)
    {
        var candidates = status.Hosts.Where(h => h.HoldsVip is not null).ToList();
        if (candidates.Count == 0) yield break;
        foreach (var host in candidates.Where(h => h.HoldsVip!.Missing is { State: not NoReading.Off }))
            yield return new HealthProblem(host.Name, "its addresses could not be read", commands.Shell(host.Name, "ip -4 addr show dev eth0"))
                { Detail = host.HoldsVip!.Missing!.Reason };

        var holders = status.VipHolders;
        var expected = ExpectedHolder(status);
        if (holders.Count == 0)
        {
            var host = expected ?? candidates[0].Name;
            yield return new HealthProblem(host, $"nobody holds the virtual IP {address}: clients reach no server", Explain(status.Host(host), commands));
        }
        else if (holders.Count > 1)
        {
            var keeper = expected is not null && holders.Contains(expected) ? expected : holders[0];
            foreach (var other in holders.Where(h => h != keeper))
                yield return new HealthProblem(other, $"holds the virtual IP {address} as {keeper} does: both answer for it (split brain)",
                    Explain(status.Host(other), commands), About: keeper);
        }
        else if (expected is not null && holders[0] != expected)
            yield return new HealthProblem(holders[0], $"holds the virtual IP {address}, but {expected} serves writes: clients reach the wrong server",
                commands.Watch, About: expected);
        // keepalived gives the address to a replica while no server is writable: clients connect, and every write fails.
        else if (expected is null && status.Host(holders[0]).Replication is { Ok: true } r && !r.Value.Writable &&
                 ReplicationHealth.MostAdvanced(status) is { } best)
            yield return new HealthProblem(holders[0], $"holds the virtual IP {address} but takes no writes (read_only ON): every write through it fails",
                commands.Sql(best.Name, ReplicationHealth.Promotion), About: best.Name)
            { Detail = $"no server is writable; {best.Name} has seen the most transactions: promote it (the VIP follows), or start the old primary again" };
    }

    /// <summary>Who should hold the address now, when that is known: the one writable server, or the one DRBD Primary.</summary>
    private static string? ExpectedHolder(LabStatus status)
    {
        var writable = status.Hosts.Where(h => h.Replication is { Ok: true } r && r.Value.Writable).ToList();
        if (writable.Count == 1) return writable[0].Name;
        var drbdPrimaries = status.Hosts.Where(h => h.Drbd is { Ok: true } d && d.Value.IsPrimary).ToList();
        return drbdPrimaries.Count == 1 ? drbdPrimaries[0].Name : null;
    }

    /// <summary>Where the VIP's manager says why: keepalived's log (its check script, VRRP state), or Pacemaker's view.</summary>
    private static string Explain(HostStatus host, LabCommands commands) =>
        host.Service(ServiceCatalog.Keepalived) is not null
            ? commands.Log(host.Name, ServiceCatalog.Get(ServiceCatalog.Keepalived).LogPath)
            : commands.Shell(host.Name, "crm_mon -1 -r");
}
