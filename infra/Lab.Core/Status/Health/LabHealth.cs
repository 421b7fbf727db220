namespace Lab.Core.Status.Health;

/// <summary>A lab's own health rule: the parts its <see cref="StatusAspects"/> call for, services first.</summary>
public static class LabHealth
{
    public static IReadOnlyList<IHealthRule> RulesFor(StatusAspects aspects)
    {
        var rules = new List<IHealthRule> { new ServicesHealth() };
        if (aspects.Galera) rules.Add(new GaleraHealth());
        if (aspects.Replication) rules.Add(new ReplicationHealth());
        if (aspects.Drbd) rules.Add(new DrbdHealth());
        if (aspects.VirtualIp is { } vip) rules.Add(new VirtualIpHealth(vip));
        if (aspects.Haproxy) rules.Add(new HaproxyHealth());
        return rules;
    }

    public static IReadOnlyList<HealthProblem> Check(LabStatus status)
    {
        var commands = LabCommands.For(status);
        return RulesFor(status.Aspects).SelectMany(r => r.Check(status, commands)).ToList();
    }

    /// <summary>What healthy means for this lab, in one line.</summary>
    public static string Describe(StatusAspects aspects) => string.Join("; ", RulesFor(aspects).Select(r => r.Demands));
}
