namespace Lab.Core.Status.Health;

/// <summary>A DRBD pair under Pacemaker: exactly one node is DRBD Primary, and MariaDB runs there.</summary>
public sealed class DrbdHealth : IHealthRule
{
    public string Demands => "one DRBD Primary, MariaDB running on it";

    public IEnumerable<HealthProblem> Check(LabStatus status, LabCommands commands)
    {
        var nodes = status.Hosts.Where(h => h.Drbd is not null).ToList();
        foreach (var node in nodes.Where(n => !n.Drbd!.Ok))
            yield return node.Drbd!.Missing!.State == NoReading.Off
                ? new HealthProblem(node.Name, "its machine is powered off", commands.Recreate)
                : new HealthProblem(node.Name, "DRBD's state could not be read", commands.Shell(node.Name, "drbdadm status")) { Detail = node.Drbd.Missing.Reason };
        var primaries = nodes.Where(n => n.Drbd is { Ok: true } d && d.Value.IsPrimary).ToList();
        if (primaries.Count == 0 && nodes.Count > 0 && nodes.All(n => n.Drbd!.Ok))
            yield return new HealthProblem(nodes[0].Name, "no node is DRBD Primary: MariaDB has no disk to run on", commands.Shell(nodes[0].Name, "crm_mon -1 -r"));
        foreach (var other in primaries.Skip(1))
            yield return new HealthProblem(other.Name, $"DRBD Primary as {primaries[0].Name} is (split brain): their disks differ from here on",
                commands.Shell(other.Name, "drbdadm status"), About: primaries[0].Name);
        if (primaries.Count == 1 && !primaries[0].Drbd!.Value.MariaDbRunning)
            yield return new HealthProblem(primaries[0].Name, "DRBD Primary, but MariaDB is not running on it", commands.Shell(primaries[0].Name, "crm_mon -1 -r"));
    }
}
