using Lab.Core.Errors;
using Lab.Core.Model;
using Lab.Core.Secrets;
using Lab.Instances.Rootless;

namespace Lab.Instances;

/// <summary>What a target asks for when it claims an instance.</summary>
/// <param name="Subnet">A fixed subnet (ssh: from the inventory; azure: the lab's own), or null to allocate a free one.</param>
/// <param name="GuardRoute">The target adds the root namespace's `unreachable` route for the subnet (its lab network lives here).</param>
/// <param name="RecordTarget">Writes what the target needs to find its hosts again, inside the claim.</param>
public sealed record ClaimRequest(LabDefinition Lab, string Instance, string Target, Ipv4Subnet? Subnet, bool GuardRoute,
    Action<LocalLayout, string>? RecordTarget = null);

/// <summary>
/// Claims an instance name and a subnet under the state lock, and writes the record and secrets before anything is
/// created, so `down` can find everything even after a crash. One name space and one address space for every target:
/// a subnet that overlaps a live instance is refused, naming that instance.
/// </summary>
public static class InstanceClaim
{
    public static async Task<(LabDefinition Lab, LabSecrets Secrets)> ClaimAsync(LocalLayout layout, ClaimRequest request, CancellationToken ct)
    {
        Directory.CreateDirectory(layout.StateRoot);
        using var _ = await FileLock.AcquireAsync(layout.LockFile, "the lab state lock", ct);
        var guarded = request.GuardRoute && !RootlessMode.Active;
        using var machineLock = guarded ? await MachineSubnetLockAsync(ct) : null;
        var existing = Reaper.ExistingInstances(layout);
        if (existing.Contains(request.Instance)) throw new InstanceExistsException(request.Instance, InstanceRecord.TryLoad(layout, request.Instance));
        var live = existing.Select(i => InstanceRecord.TryLoad(layout, i)).OfType<InstanceRecord>()
            .SelectMany(r => r.ParsedSubnets.Select(s => (Record: r, Subnet: s))).ToList();
        Ipv4Subnet chosen;
        if (request.Subnet is { } fixedSubnet)
        {
            var clash = live.FirstOrDefault(r => r.Subnet.Overlaps(fixedSubnet));
            if (clash.Record is not null)
                throw new SubnetInUseException(fixedSubnet, clash.Record);
            // A fixed subnet whose network lives here (a proof of a cloud program's fixed addresses) must also be free
            // on the machine: another state root's instance shows only as its guard route.
            if (guarded && (await SubnetAllocator.MachineNetworksAsync(ct)).FirstOrDefault(n => n.Overlaps(fixedSubnet)) is { PrefixLength: > 0 } routed)
                throw new LabException($"subnet {fixedSubnet} is already routed on this machine ({routed}: `ip route show {routed}`), by an instance of " +
                                       "another state directory or by the machine's own network; bring that down first");
            chosen = fixedSubnet;
        }
        else chosen = await SubnetAllocator.AllocateAsync(request.Lab.Subnets, live.Select(r => r.Subnet), ct);

        var moved = request.Lab.MovedTo(chosen);
        var record = new InstanceRecord(request.Instance, request.Lab.Name, chosen.ToString(), DateTimeOffset.UtcNow, Environment.ProcessId,
            moved.Hosts.Select(h => h.Name).ToList(), request.Target, request.GuardRoute,
            moved.Subnets.Count > 1 ? moved.Subnets.Select(s => s.ToString()).ToList() : null);
        record.Save(layout);
        request.RecordTarget?.Invoke(layout, request.Instance);
        var secrets = LabSecrets.Generate();
        InstanceRecord.SaveSecrets(layout, request.Instance, secrets);
        // The guard routes are what another state root's allocator sees, so they are added before the machine lock
        // is let go; the record above already says they are this instance's, so `down` removes them even if the
        // bring-up fails later.
        if (guarded)
        {
            var added = new List<Ipv4Subnet>();
            try
            {
                foreach (var subnet in moved.Subnets) { await GuardRoute.AddAsync(subnet, ct); added.Add(subnet); }
            }
            catch
            {
                // A route this claim could not add is not this instance's, so `down` must not remove it: the ones it did
                // add go now, and the record stops claiming any.
                foreach (var subnet in added) await ProcessRunner.RunAsync("ip", ["route", "del", "unreachable", subnet.ToString()], ct: CancellationToken.None);
                (record with { GuardRoute = false }).Save(layout);
                throw;
            }
        }
        return (moved, secrets);
    }

    private static async Task<IDisposable> MachineSubnetLockAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LocalLayout.MachineSubnetLockFile)!);
        return await FileLock.AcquireAsync(LocalLayout.MachineSubnetLockFile, "the machine's subnet lock", ct);
    }
}

public sealed class InstanceExistsException(string instance, InstanceRecord? record)
    : LabException($"instance '{instance}' already exists" + (record is null ? " (left over from an interrupted run)" : $" (lab {record.Lab}, {record.Subnet}, created {record.CreatedUtc:u})")
        + $"; remove it with `lab down --instance {instance}` or choose another name with --instance NAME");

public sealed class InstanceNotFoundException(string instance, IReadOnlyList<string> existing)
    : LabException($"no instance named '{instance}'" + (existing.Count == 0 ? "; nothing is up (start one with `lab up galera`)" : $"; existing: {string.Join(", ", existing)}"));

public sealed class SubnetInUseException(Ipv4Subnet subnet, InstanceRecord owner)
    : LabException($"subnet {subnet} overlaps instance '{owner.Name}' ({owner.Target ?? "local"} target, lab {owner.Lab}, {owner.Subnet}) on this machine; " +
                   $"bring that one down first (`lab down --instance {owner.Name}`) or give these hosts addresses in another subnet")
{
    public string Owner { get; } = owner.Name;
}
