using Lab.Core.Model;
using Lab.Core.Secrets;
using Lab.Core.Waits;

namespace Lab.Targets.Local;

/// <summary>
/// Claims an instance name and a subnet under the state lock, and writes the record and secrets before anything is
/// created, so `down` can find everything even after a crash. One name space for every target.
/// </summary>
public static class InstanceClaim
{
    /// <param name="subnet">A fixed subnet (ssh: from the inventory), or null to allocate a free one (local, machines).</param>
    /// <param name="recordTarget">Writes what a non-local target needs to find its hosts again, inside the claim.</param>
    public static async Task<(LabDefinition Lab, LabSecrets Secrets)> ClaimAsync(LocalLayout layout, LabDefinition lab, string instance,
        Ipv4Subnet? subnet, Action<LocalLayout, string>? recordTarget, CancellationToken ct)
    {
        Directory.CreateDirectory(layout.StateRoot);
        using var _ = await LockAsync(layout, ct);
        var existing = Reaper.ExistingInstances(layout);
        if (existing.Contains(instance)) throw new InstanceExistsException(instance, InstanceRecord.TryLoad(layout, instance));
        var chosen = subnet ?? await SubnetAllocator.AllocateAsync(lab.Subnet,
            existing.Select(i => InstanceRecord.TryLoad(layout, i)).OfType<InstanceRecord>()
                .Select(r => Ipv4Subnet.TryParse(r.Subnet, out var s) ? s : default).Where(s => s.PrefixLength > 0), ct);
        var moved = lab.MovedTo(chosen);
        new InstanceRecord(instance, lab.Name, chosen.ToString(), DateTimeOffset.UtcNow, Environment.ProcessId, moved.Hosts.Select(h => h.Name).ToList()).Save(layout);
        recordTarget?.Invoke(layout, instance);
        var secrets = LabSecrets.Generate();
        InstanceRecord.SaveSecrets(layout, instance, secrets);
        return (moved, secrets);
    }

    private static async Task<IDisposable> LockAsync(LocalLayout layout, CancellationToken ct)
    {
        FileStream? stream = null;
        await Until.Real.HoldsAsync("the lab state lock", _ =>
        {
            try { stream = new FileStream(layout.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); return Task.FromResult(ProbeResult.Yes("locked")); }
            catch (IOException e) { return Task.FromResult(ProbeResult.No(e.Message)); }
        }, new WaitPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20)), ct);
        return stream!;
    }
}
