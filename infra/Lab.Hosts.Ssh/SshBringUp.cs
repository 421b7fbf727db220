using Lab.Core.BringUp;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using Lab.Core.Waits;
using Lab.Hosts.Ssh.Inventory;

namespace Lab.Hosts.Ssh;

/// <summary>
/// The one bring-up plan on hosts reached over SSH, the seeds' way (galera_new_cluster, then joins): what the ssh and
/// machines targets run once their hosts answer.
/// </summary>
public static class SshBringUp
{
    public static async Task<LabInstance> RunAsync(LabDefinition lab, string instance, SshInventory inventory, LabSecrets secrets,
        IReadOnlyList<RenderedFile> files, string target, Action<string> progress, CancellationToken ct, double pace = 1,
        Language language = Language.En)
    {
        var created = SshLab.Open(lab, instance, inventory, secrets, target, pace);
        await new BringUpRunner(created, Until.Real, progress, language).RunAsync(BringUpPlan.For(lab, GaleraStart.Classic).Steps,
            (_, c) => SshHostPreparation.RunAsync(created, files, progress, c, language), ct);
        return created;
    }
}
