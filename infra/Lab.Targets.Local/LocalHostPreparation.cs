using System.Diagnostics;
using Lab.Core.Galera;
using Lab.Core.Messages;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Services;
using Lab.Instances;

namespace Lab.Targets.Local;

/// <summary>
/// The local target's "prepare hosts" step: the lab network, each host's private directories with its rendered files,
/// the databases' data directories seeded from one cached initial state, and each host's mount and hostname namespaces.
/// The network, the directories and the seed do not depend on each other: made side by side they cost the slowest of
/// them, not the sum (each is a few process spawns, mostly waiting).
/// </summary>
/// <param name="lab">The lab with just the hosts that are namespaces (a mixed lab's VMs are prepared over SSH).</param>
/// <param name="networkMade">The network exists already (made before a mixed lab's VMs boot onto it).</param>
internal sealed class LocalHostPreparation(LocalLayout layout, string instance, LabDefinition lab, IReadOnlyList<RenderedFile> files, GaleraStart start,
    bool networkMade = false)
{
    public async Task RunAsync(Action<string> progress, CancellationToken ct, Language language = Language.En)
    {
        var clock = Stopwatch.StartNew();
        await HostNamespace.EnsureNamespaceRootAsync(layout, ct);
        var cache = new DatadirCache(layout);
        var galera = lab.Hosts.Any(h => h.Runs(ServiceCatalog.Galera));
        var sharedState = galera && start == GaleraStart.SharedState;
        // Galera nodes share one bootstrapped state; plain servers (replication labs) each get a fresh datadir.
        async Task<string?> SeedAsync() => sharedState ? await cache.GaleraSeedAsync(ct)
            : lab.Hosts.Any(h => h.Runs(ServiceCatalog.Galera) || h.Runs(ServiceCatalog.MariaDb)) ? await cache.PlainAsync(ct) : null;
        var seeding = SeedAsync();
        var network = networkMade ? Task.CompletedTask : LabNetwork.CreateAsync(instance, lab, ct);
        var directories = Task.WhenAll(lab.Hosts.Select(h =>
            HostFilesystem.PrepareAsync(layout, instance, h, files.Where(f => f.Host == h.Name).ToList(), ct)));
        await Task.WhenAll(network, directories, seeding);
        var tool = HostCommands.LabTool.Current();
        foreach (var host in lab.Hosts) HostCommands.ServiceShims.Write(layout, instance, host, tool);
        progress(EngineText.BringUp.NetworkReady.In(language, clock.Elapsed.TotalSeconds));
        if ((await directories).SelectMany(l => l).Distinct().ToList() is { Count: > 0 } leftOut)
            progress(EngineText.BringUp.LeftOut.In(language, string.Join(", ", leftOut)));

        var seed = await seeding;
        // Each host also gets systemd's commands, answered by the tool's supervisor (see ServiceShims).
        await CreatedMountPoints.EnsureAsync(layout, instance, lab.Hosts.SelectMany(h => HostCommands.ServiceShims.WithShims(h.Mounts)), ct);
        await Task.WhenAll(lab.Hosts.Select(h => HostNamespace.CreateAsync(layout, instance, h.Name, HostCommands.ServiceShims.WithShims(h.Mounts), ct))
            .Append(seed is null ? Task.CompletedTask
                : SeedDatadirsAsync(seed, galera ? ServiceCatalog.Galera : ServiceCatalog.MariaDb, sharedState, ct)));
    }

    private async Task SeedDatadirsAsync(string seed, string service, bool sharedGaleraState, CancellationToken ct)
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
}
