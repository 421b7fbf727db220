using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Services;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Core.Galera;

/// <summary>
/// Brings a lab back to health between scenarios, the way an instructor would: reconnect and resume everything,
/// remove link impairments, restart what is down, re-form the cluster if quorum is gone, and wait until HAProxy routes to every node.
/// Its notes are in <paramref name="language"/>.
/// </summary>
public sealed class HealthRestorer(LabInstance instance, Until until, Action<string> progress, Language language = Language.En)
{
    private readonly Until until = until.Paced(instance.Pace);

    public async Task RestoreAsync(CancellationToken ct)
    {
        // A scenario removes its own link impairments when it ends; this covers a run that was killed before it could.
        await Task.WhenAll(instance.Hosts.Values.Select(h => h.ImpairLinkAsync(null, ct)));
        foreach (var host in instance.Hosts.Values)
        {
            await host.SetIsolatedAsync(false, ct);
            foreach (var service in host.Definition.Services)
                if ((await host.StatusAsync(service, ct)).State == ServiceState.Paused)
                    await host.SignalAsync(service, ServiceSignal.Resume, ct);
        }

        var nodes = instance.HostsRunning(ServiceCatalog.Galera);
        if (nodes.Count > 0) await RestoreClusterAsync(nodes, ct);

        foreach (var host in instance.Hosts.Values)
            foreach (var service in host.Definition.Services.Where(s => !ServiceCatalog.IsDatabase(s)))
                if ((await host.StatusAsync(service, ct)).State == ServiceState.Stopped)
                {
                    progress(EngineText.BringUp.StartingService.In(language, host.Name, service));
                    await host.StartAsync(service, ct: ct);
                }
        await new GaleraBringUp(until, progress, language).WaitHaproxyAsync(instance.HostsRunning(ServiceCatalog.HaProxy), nodes.Count, ct);
    }

    private async Task RestoreClusterAsync(IReadOnlyList<ILabHost> nodes, CancellationToken ct)
    {
        var running = new List<ILabHost>();
        foreach (var n in nodes)
            if ((await n.StatusAsync(ServiceCatalog.Galera, ct)).State == ServiceState.Running) running.Add(n);
        var bringUp = new GaleraBringUp(until, progress, language);

        if (running.Count == 0)
        {
            progress(EngineText.BringUp.NoNodeRunning.In(language));
            await new GaleraRecovery(until, progress, language).BootstrapMostAdvancedAsync(nodes, ct);
            return;
        }

        var primary = await FirstPrimaryAsync(running, TimeSpan.FromSeconds(10), ct);
        if (primary is null)
        {
            // Quorum is gone and will not come back by itself: the running node that saw the most wins.
            var best = running[0];
            long bestSeqno = -1;
            foreach (var n in running)
            {
                var s = await n.StatusAsync(["wsrep_last_committed"], ct);
                if (s.TryGetValue("wsrep_last_committed", out var v) && long.TryParse(v, out var seqno) && seqno > bestSeqno) (best, bestSeqno) = (n, seqno);
            }
            progress(EngineText.BringUp.NoPrimary.In(language, best.Name, bestSeqno));
            await best.ExecuteAsync("SET GLOBAL wsrep_provider_options='pc.bootstrap=YES'", ct);
        }
        foreach (var n in nodes.Except(running))
        {
            progress(EngineText.BringUp.StartingMariadbd.In(language, n.Name));
            await n.StartAsync(ServiceCatalog.Galera, ct: ct);
        }
        await bringUp.WaitSyncedAsync(nodes, nodes.Count, ct);
    }

    private async Task<ILabHost?> FirstPrimaryAsync(IReadOnlyList<ILabHost> running, TimeSpan wait, CancellationToken ct)
    {
        ILabHost? found = null;
        try
        {
            await until.HoldsAsync("a running node in the Primary component", async c =>
            {
                foreach (var n in running)
                {
                    var s = await GaleraStatus.ReadAsync(n, c);
                    if (s.ClusterStatus == "Primary") { found = n; return ProbeResult.Yes(n.Name); }
                }
                return ProbeResult.No("none Primary");
            }, new WaitPolicy(wait, TimeSpan.FromMilliseconds(200)), ct);
        }
        catch (WaitTimeoutException) { }
        return found;
    }
}
