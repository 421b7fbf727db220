using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Services;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Core.Galera;

/// <summary>
/// Brings a lab back to health between scenarios, the way an instructor would: reconnect and resume everything,
/// remove link impairments, restart what is down, re-form the cluster if quorum is gone, and wait until HAProxy routes
/// to every node. When waiting cannot work (a node held Donor/Desynced by a lock a failed scenario left), it escalates,
/// each step only if the one before was not enough: end the client connections left on the stuck node, restart it, and
/// last, when the caller allows it (<paramref name="recreate"/>), recreate the instance. It returns the step it reached and
/// the time it took, and notes every escalation in <paramref name="language"/>.
/// </summary>
public sealed class HealthRestorer(LabInstance instance, Until until, Action<string> progress, Language language = Language.En,
    Func<CancellationToken, Task<LabInstance>>? recreate = null)
{
    /// <summary>
    /// How long a cluster where no node is joining gets to sync by itself: a healthy one is Synced at once, so longer
    /// only delays the step that can work. A node that starts or receives a state transfer gets the full <see cref="GaleraBringUp.SyncTimeout"/>.
    /// </summary>
    public static readonly TimeSpan InPlaceWait = TimeSpan.FromSeconds(5);

    /// <summary>How long a stuck node gets to shut down cleanly before it is killed.</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(30);

    private readonly Until until = until.Paced(instance.Pace);

    public async Task<HealthRestore> RestoreAsync(CancellationToken ct)
    {
        var start = until.Clock.GetTimestamp();
        HealthRestore done;
        try
        {
            var (step, hosts) = await HealAsync(ct);
            done = new HealthRestore(step, hosts, until.Clock.GetElapsedTime(start), instance);
        }
        catch (Exception e) when (e is not OperationCanceledException && recreate is not null)
        {
            progress(EngineText.Restore.Recreating.In(language, e.Message));
            var fresh = await recreate(ct);
            done = new HealthRestore(RestoreStep.Recreated, [], until.Clock.GetElapsedTime(start), fresh);
        }
        if (done.Escalated) progress(EngineText.Restore.Done.In(language, done.Describe(language), done.Took.TotalSeconds));
        return done;
    }

    private async Task<(RestoreStep, IReadOnlyList<string>)> HealAsync(CancellationToken ct)
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
        (RestoreStep, IReadOnlyList<string>) reached = (RestoreStep.InPlace, []);
        if (nodes.Count > 0) reached = await RestoreClusterAsync(nodes, ct);

        foreach (var host in instance.Hosts.Values)
            foreach (var service in host.Definition.Services.Where(s => !ServiceCatalog.IsDatabase(s)))
                if ((await host.StatusAsync(service, ct)).State == ServiceState.Stopped)
                {
                    progress(EngineText.BringUp.StartingService.In(language, host.Name, service));
                    await host.StartAsync(service, ct: ct);
                }
        await new GaleraBringUp(until, progress, language).WaitHaproxyAsync(instance.HostsRunning(ServiceCatalog.HaProxy), nodes.Count, ct);
        return reached;
    }

    private async Task<(RestoreStep, IReadOnlyList<string>)> RestoreClusterAsync(IReadOnlyList<ILabHost> nodes, CancellationToken ct)
    {
        var running = new List<ILabHost>();
        foreach (var n in nodes)
            if ((await n.StatusAsync(ServiceCatalog.Galera, ct)).State == ServiceState.Running) running.Add(n);
        var bringUp = new GaleraBringUp(until, progress, language);

        if (running.Count == 0)
        {
            progress(EngineText.BringUp.NoNodeRunning.In(language));
            await new GaleraRecovery(until, progress, language).BootstrapMostAdvancedAsync(nodes, ct);
            return (RestoreStep.InPlace, []);
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
        var started = nodes.Except(running).ToList();
        foreach (var n in started)
        {
            progress(EngineText.BringUp.StartingMariadbd.In(language, n.Name));
            await n.StartAsync(ServiceCatalog.Galera, ct: ct);
        }

        // 1. In place. Rejoining and state transfers take their time; a node already in the whole Primary component and
        // not Synced while nothing joins is held back (a lock, wsrep_desync) and will not become Synced by waiting.
        var wait = started.Count > 0 || await WaitingCanWorkAsync(nodes, ct) ? GaleraBringUp.SyncTimeout : InPlaceWait;
        if (await NotSyncedAfterAsync(bringUp, nodes, wait, ct) is not { } stuck) return (RestoreStep.InPlace, []);

        // 2. End what the failed scenario left open on the stuck nodes.
        progress(EngineText.Restore.EndingSessions.In(language, Names(stuck)));
        foreach (var node in stuck)
            try
            {
                var ended = await LeftoverSessions.EndAsync(node, ct);
                progress(EngineText.Restore.EndedSessions.In(language, node.Name, ended.Connections));
                if (ended.DesyncTurnedOff) progress(EngineText.Restore.DesyncOff.In(language, node.Name));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                progress(EngineText.Restore.SessionsNotEnded.In(language, node.Name, e.Message));
            }
        if (await NotSyncedAfterAsync(bringUp, nodes, InPlaceWait, ct) is not { } still) return (RestoreStep.EndedSessions, stuck.Select(n => n.Name).ToList());

        // 3. Restart the nodes still stuck, one at a time, so the others keep quorum. If this fails too, RestoreAsync recreates.
        progress(EngineText.Restore.Restarting.In(language, Names(still)));
        foreach (var node in still) await RestartAsync(bringUp, node, nodes.Count, ct);
        await bringUp.WaitSyncedAsync(nodes, nodes.Count, ct);
        return (RestoreStep.RestartedNodes, still.Select(n => n.Name).ToList());
    }

    /// <summary>Null when every node is Primary/Synced within <paramref name="wait"/>; else the nodes that are not, after saying so.</summary>
    private async Task<IReadOnlyList<ILabHost>?> NotSyncedAfterAsync(GaleraBringUp bringUp, IReadOnlyList<ILabHost> nodes, TimeSpan wait, CancellationToken ct)
    {
        try
        {
            await bringUp.WaitSyncedAsync(nodes, nodes.Count, ct, wait);
            return null;
        }
        catch (WaitTimeoutException e)
        {
            var stuck = new List<ILabHost>();
            foreach (var n in nodes)
                if (await StatusOrNullAsync(n, ct) is not { } s || !s.IsPrimarySynced(nodes.Count)) stuck.Add(n);
            if (stuck.Count == 0) return null; // synced just after the wait gave up
            progress(EngineText.Restore.StillStuck.In(language, Names(stuck), (wait * until.Pace).TotalSeconds, e.LastObserved));
            return stuck;
        }
    }

    private async Task RestartAsync(GaleraBringUp bringUp, ILabHost node, int size, CancellationToken ct)
    {
        using (var timer = new CancellationTokenSource(StopLimit * until.Pace, until.Clock))
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token))
            try
            {
                await node.StopAsync(ServiceCatalog.Galera, limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                progress(EngineText.Restore.StopTimedOut.In(language, node.Name, (StopLimit * until.Pace).TotalSeconds));
                if ((await node.StatusAsync(ServiceCatalog.Galera, ct)).State != ServiceState.Stopped)
                    await node.SignalAsync(ServiceCatalog.Galera, ServiceSignal.Kill, ct);
            }
        progress(EngineText.BringUp.StartingMariadbd.In(language, node.Name));
        await node.StartAsync(ServiceCatalog.Galera, ct: ct);
        await bringUp.WaitSyncedAsync([node], size, ct);
    }

    /// <summary>
    /// A node still finding its way back (outside the Primary component or in a smaller one, after a partition healed) or
    /// receiving a state transfer (Joining, Waiting on SST, Joined): waiting for it can work.
    /// </summary>
    private static async Task<bool> WaitingCanWorkAsync(IReadOnlyList<ILabHost> nodes, CancellationToken ct)
    {
        foreach (var n in nodes)
            if (await StatusOrNullAsync(n, ct) is { } s && (s.ClusterStatus != "Primary" || s.ClusterSize != nodes.Count ||
                                                          s.LocalStateComment.StartsWith("Join", StringComparison.Ordinal) ||
                                                          s.LocalStateComment.StartsWith("Waiting", StringComparison.Ordinal)))
                return true;
        return false;
    }

    private static async Task<GaleraStatus?> StatusOrNullAsync(ILabHost node, CancellationToken ct)
    {
        try { return await GaleraStatus.ReadAsync(node, ct); }
        catch (Exception e) when (e is not OperationCanceledException) { return null; }
    }

    private static string Names(IEnumerable<ILabHost> nodes) => string.Join(", ", nodes.Select(n => n.Name));

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
