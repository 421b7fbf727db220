using Lab.Core.Model;
using Lab.Core.Replication;
using Lab.Core.Services;

namespace Lab.Core.Scenarios;

/// <summary>What `lab run` does to an instance before each scenario after the first.</summary>
public enum BetweenScenarios
{
    /// <summary>The lab says how to restore itself (lab.yaml `restore:` steps, e.g. ha-drbd on VMs): they run in place.</summary>
    RestoreSteps,

    /// <summary>Galera heals in place: restart, re-form, rejoin.</summary>
    HealInPlace,

    /// <summary>
    /// A replication lab's topology after a failover (who is primary, which history survived) is part of what a scenario
    /// changes: the next one starts from a fresh instance.
    /// </summary>
    Recreate,

    /// <summary>The scenarios reset what they change themselves (their first stage), so the instance is kept: LVS's VMs are not rebooted.</summary>
    Keep,
}

public static class BetweenScenariosRule
{
    public static BetweenScenarios For(LabDefinition lab) =>
        lab.Restore.Count > 0 ? BetweenScenarios.RestoreSteps
        : lab.Hosts.Any(h => h.Runs(ServiceCatalog.Galera)) ? BetweenScenarios.HealInPlace
        : ReplicationRoles.InitialPrimary(lab) is not null ? BetweenScenarios.Recreate
        : BetweenScenarios.Keep;
}
