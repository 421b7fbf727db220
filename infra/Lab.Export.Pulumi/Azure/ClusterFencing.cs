using Lab.Core.Model;
using Lab.Core.Services;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// What the program says about fencing when a lab runs a Pacemaker cluster. On Azure, STONITH is fence_azure_arm
/// (Debian's fence-agents), which powers a VM off through the Azure API: each VM would need a managed identity holding
/// a role that may do that (e.g. Virtual Machine Contributor on the stack's resource group), granted by someone allowed
/// to assign roles (Owner or User Access Administrator), which a student's or class's subscription rarely grants. So
/// the cluster keeps the seed's `stonith-enabled=false`, and the program says so where an instructor reads it.
/// </summary>
public static class ClusterFencing
{
    public static bool Applies(LabDefinition lab) => lab.HostsRunning(ServiceCatalog.Pacemaker).Count > 0;

    public static IReadOnlyList<string> HeaderLines(LabDefinition lab) => !Applies(lab) ? [] :
    [
        "Fencing: none. Pacemaker runs with stonith-enabled=false (as the seed's cluster configuration; templates/ha-drbd/cluster.crm.hbs).",
        "fence_azure_arm would need each VM's managed identity to hold a role that may power VMs off; this program grants none,",
        $"so a split brain is possible here exactly as in the lab's split-brain scenario. See labs/{lab.Name}/AZURE.md.",
    ];
}
