using System.Diagnostics;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Replication;
using Lab.Core.Secrets;
using Lab.Core.Services;
using Lab.Core.Waits;

namespace Lab.Targets.Local;

/// <summary>Options of `lab up` on the local target.</summary>
public sealed record UpOptions(GaleraStart GaleraStart = GaleraStart.SharedState, bool KeepOnFailure = false);

/// <summary>
/// The embedded default target: every host is a set of Linux namespaces on this machine, services are the real
/// Debian binaries supervised by the tool.
/// </summary>
public sealed class LocalTarget(LabCatalog catalog, LocalLayout layout)
{
    public const string Name = "local";

    public LocalLayout Layout => layout;

    public async Task<LabInstance> UpAsync(LabDefinition lab, string instance, UpOptions options, Action<string> progress, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        Preflight.Check(lab);
        var renderer = new TemplateRenderer(catalog.TemplatesRoot);

        LabInstance? created = null;
        var clock = Stopwatch.StartNew();
        try
        {
            var (moved, secrets) = await InstanceClaim.ClaimAsync(layout, lab, instance, null, null, ct);
            progress($"instance '{instance}': subnet {moved.Subnet}, hosts {string.Join(", ", moved.Hosts.Select(h => $"{h.Name} {h.Address}"))}");
            var files = renderer.RenderAll(moved, secrets); // before anything heavy: a template error stops here

            await HostNamespace.EnsureNamespaceRootAsync(layout, ct);
            // The network, the hosts' directories and the seed datadir do not depend on each other: made side by side
            // they cost the slowest of them, not the sum (each is a few process spawns, mostly waiting).
            var cache = new DatadirCache(layout);
            var galera = moved.Hosts.Any(h => h.Runs(ServiceCatalog.Galera));
            // Galera nodes share one bootstrapped state; plain servers (replication labs) each get a fresh datadir.
            async Task<string?> SeedAsync() => galera
                ? await (options.GaleraStart == GaleraStart.SharedState ? cache.GaleraSeedAsync(ct) : cache.PlainAsync(ct))
                : moved.Hosts.Any(h => h.Runs(ServiceCatalog.MariaDb)) ? await cache.PlainAsync(ct) : null;
            var seeding = SeedAsync();
            var network = LabNetwork.CreateAsync(instance, moved, ct);
            var directories = Task.WhenAll(moved.Hosts.Select(h =>
                HostFilesystem.PrepareAsync(layout, instance, h, files.Where(f => f.Host == h.Name).ToList(), ct)));
            await Task.WhenAll(network, directories, seeding);
            progress($"network and host directories ready ({clock.Elapsed.TotalSeconds:0.00}s)");

            var seed = await seeding;
            await MountPoints.EnsureAsync(layout, instance, moved.Hosts.SelectMany(h => h.Mounts), ct);
            await Task.WhenAll(moved.Hosts.Select(h => HostNamespace.CreateAsync(layout, instance, h.Name, h.Mounts, ct))
                .Append(seed is null ? Task.CompletedTask
                    : SeedDatadirsAsync(moved, instance, seed, galera ? ServiceCatalog.Galera : ServiceCatalog.MariaDb,
                        galera && options.GaleraStart == GaleraStart.SharedState, ct)));
            progress($"hosts ready: namespaces, mounts, rendered files ({clock.Elapsed.TotalSeconds:0.00}s)");

            created = Open(moved, instance, secrets);
            var bringUp = new GaleraBringUp(created, Until.Real, progress);
            await bringUp.FormClusterAsync(options.GaleraStart, ct);
            if (moved.Hosts.Any(h => h.Runs(ServiceCatalog.Galera)))
                progress($"cluster formed: all nodes Primary and Synced ({clock.Elapsed.TotalSeconds:0.00}s)");
            await bringUp.CreateAccountsAsync(ct);
            var replication = new ReplicationBringUp(created, Until.Real, progress);
            await replication.StartServersAsync(ct);
            await replication.ReplicateAsync(ct);
            await StartRemainingServicesAsync(created, ct);
            progress($"accounts created, remaining services started ({clock.Elapsed.TotalSeconds:0.00}s)");
            await bringUp.WaitHaproxyAsync(ct);
            if (await replication.WaitVirtualIpAsync(ct) is { } vip)
                progress($"{vip} ({clock.Elapsed.TotalSeconds:0.00}s)");
            var answeredBy = await bringUp.QueryThroughProxyAsync(ct);
            if (answeredBy is not null)
                progress($"client query through HAProxy answered by {answeredBy} ({clock.Elapsed.TotalSeconds:0.00}s)");
            return created;
        }
        catch (Exception e) when (!options.KeepOnFailure && e is not InstanceExistsException)
        {
            progress($"up failed ({e.Message.Split('\n')[0]}); removing what was made for '{instance}'");
            await Reaper.DownAsync(layout, instance, CancellationToken.None);
            throw;
        }
    }

    private async Task SeedDatadirsAsync(LabDefinition lab, string instance, string seed, string service, bool sharedGaleraState, CancellationToken ct)
    {
        var nodes = lab.HostsRunning(service);
        var memberIds = nodes.Select(_ => Guid.NewGuid()).ToList();
        var seedState = sharedGaleraState ? GraState.Parse(File.ReadAllText(Path.Combine(seed, "grastate.dat"))) : null;
        var (uid, gid) = UnixUsers.Lookup("mysql");
        await Task.WhenAll(nodes.Select(async (node, i) =>
        {
            var datadir = layout.HostPath(instance, node.Name, "/var/lib/mysql");
            await ProcessRunner.RequireAsync("cp", ["-a", "--reflink=auto", seed + "/.", datadir + "/"], ct: ct);
            File.Delete(Path.Combine(datadir, ".complete"));
            if (seedState is not null)
            {
                // Same position everywhere, nobody "safe to bootstrap" alone: the saved view brings them up together.
                HostFilesystem.Write(Path.Combine(datadir, "grastate.dat"), (seedState with { SafeToBootstrap = false }).Render(), "0660", "mysql");
                HostFilesystem.Write(Path.Combine(datadir, "gvwstate.dat"), SavedPrimaryView.Render(memberIds, i), "0660", "mysql");
            }
            Native.Chown(datadir, uid, gid);
        }));
    }

    private static async Task StartRemainingServicesAsync(LabInstance instance, CancellationToken ct)
    {
        await Task.WhenAll(instance.Hosts.Values.SelectMany(h => h.Definition.Services
            .Where(s => !ServiceCatalog.IsDatabase(s))
            .Select(s => h.StartAsync(s, ct: ct))));
    }

    /// <summary>Opens an existing instance by name.</summary>
    public LabInstance Open(string instance)
    {
        var record = InstanceRecord.TryLoad(layout, instance)
            ?? throw new InstanceNotFoundException(instance, List().Select(r => r.Name).ToList());
        var lab = catalog.Load(record.Lab);
        if (!Ipv4Subnet.TryParse(record.Subnet, out var subnet))
            throw new InvalidDataException($"{layout.RecordFile(instance)}: bad subnet '{record.Subnet}'");
        return Open(lab.MovedTo(subnet), instance, InstanceRecord.LoadSecrets(layout, instance));
    }

    private LabInstance Open(LabDefinition lab, string instance, LabSecrets secrets) =>
        new(instance, Name, lab, secrets, lab.Hosts.Select(h => new LocalHost(layout, instance, h)));

    public IReadOnlyList<InstanceRecord> List() =>
        Reaper.ExistingInstances(layout).Select(i => InstanceRecord.TryLoad(layout, i)
            ?? new InstanceRecord(i, "?", "?", DateTimeOffset.MinValue, 0, [])).ToList();

    public Task<Reaper.Report> DownAsync(string instance, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        Preflight.RequireRoot();
        return Reaper.DownAsync(layout, instance, ct);
    }
}

public sealed class InstanceExistsException(string instance, InstanceRecord? record)
    : Exception($"instance '{instance}' already exists" + (record is null ? " (left over from an interrupted run)" : $" (lab {record.Lab}, {record.Subnet}, created {record.CreatedUtc:u})")
        + $"; remove it with `lab down --instance {instance}` or choose another name with --instance NAME");

public sealed class InstanceNotFoundException(string instance, IReadOnlyList<string> existing)
    : Exception($"no instance named '{instance}'" + (existing.Count == 0 ? "; nothing is up (start one with `lab up galera`)" : $"; existing: {string.Join(", ", existing)}"));
