using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Services;

namespace Lab.Core.Replication;

/// <summary>The role names lab.yaml uses for binlog replication: one <c>primary</c>, any number of <c>replica</c>s.</summary>
public static class ReplicationRoles
{
    public const string Primary = "primary";
    public const string Replica = "replica";

    /// <summary>The host the lab starts as primary, or null when the lab is not a replication lab.</summary>
    public static ILabHost? InitialPrimary(LabInstance instance) =>
        instance.Hosts.Values.FirstOrDefault(h => h.Definition.Role == Primary && h.Definition.Runs(ServiceCatalog.MariaDb));

    public static IReadOnlyList<ILabHost> InitialReplicas(LabInstance instance) =>
        instance.Hosts.Values.Where(h => h.Definition.Role == Replica && h.Definition.Runs(ServiceCatalog.MariaDb)).ToList();
}
