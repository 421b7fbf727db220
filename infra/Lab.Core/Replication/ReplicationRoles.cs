using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Model;
using Lab.Core.Services;

namespace Lab.Core.Replication;

/// <summary>The role names lab.yaml uses for binlog replication: one <c>primary</c>, any number of <c>replica</c>s.</summary>
public static class ReplicationRoles
{
    public const string Primary = "primary";
    public const string Replica = "replica";

    /// <summary>The host the lab starts as primary, or null when the lab is not a replication lab.</summary>
    public static HostDefinition? InitialPrimary(LabDefinition lab) =>
        lab.Hosts.FirstOrDefault(h => h.Role == Primary && h.Runs(ServiceCatalog.MariaDb));

    public static IReadOnlyList<HostDefinition> InitialReplicas(LabDefinition lab) =>
        lab.Hosts.Where(h => h.Role == Replica && h.Runs(ServiceCatalog.MariaDb)).ToList();

    public static ILabHost? InitialPrimary(LabInstance instance) =>
        InitialPrimary(instance.Lab) is { } h ? instance.Host(h.Name) : null;

    public static IReadOnlyList<ILabHost> InitialReplicas(LabInstance instance) =>
        InitialReplicas(instance.Lab).Select(h => instance.Host(h.Name)).ToList();
}
