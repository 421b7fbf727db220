using Lab.Core.Errors;
using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Keepalived;
using Lab.Core.Messages;
using Lab.Core.Replication;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Core.BringUp;

/// <summary>How long one step of a bring-up took.</summary>
public sealed record StepTiming(BringUpStep Step, TimeSpan Duration);

/// <summary>
/// Runs a <see cref="BringUpPlan"/> on an instance's hosts through <see cref="ILabHost"/> alone, so every target
/// executes the same steps in the same order. Preparing the hosts is the one step a target does its own way
/// (namespaces and bind mounts, apt over SSH, cloud-init): it hands that in. Progress lines are in
/// <paramref name="language"/>.
/// </summary>
public sealed class BringUpRunner(LabInstance instance, Until until, Action<string> progress, Language language = Language.En)
{
    private readonly Until until = until.Paced(instance.Pace);

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public delegate Task HostPreparation(PrepareHostsStep step, CancellationToken ct);

    public async Task<IReadOnlyList<StepTiming>> RunAsync(IEnumerable<BringUpStep> steps, HostPreparation prepare, CancellationToken ct)
    {
        var timings = new List<StepTiming>();
        foreach (var step in steps)
        {
            var started = until.Clock.GetTimestamp();
            var detail = step is PrepareHostsStep p ? await PrepareAsync(prepare, p, ct) : await RunStepAsync(step, ct);
            var took = until.Clock.GetElapsedTime(started);
            timings.Add(new StepTiming(step, took));
            progress(EngineText.BringUp.StepDone.In(language, step.Key, detail ?? step.Describe(language), took.TotalSeconds));
        }
        return timings;
    }

    private static async Task<string?> PrepareAsync(HostPreparation prepare, PrepareHostsStep step, CancellationToken ct)
    {
        await prepare(step, ct);
        return null;
    }

    private async Task<string?> RunStepAsync(BringUpStep step, CancellationToken ct)
    {
        var galera = new GaleraBringUp(until, progress, language);
        switch (step)
        {
            case FormGaleraClusterStep s:
                await galera.FormClusterAsync(Hosts(s.Nodes), s.Start, ct);
                return null;
            case WaitGaleraSyncedStep s:
                await galera.WaitSyncedAsync(Hosts(s.Nodes), s.Nodes.Count, ct);
                return null;
            case StartServersStep s:
                await StartServersAsync(Hosts(s.Servers), s.Service, ct);
                return null;
            case CreateAccountsStep s:
                foreach (var host in Hosts(s.Hosts))
                {
                    var result = await host.RunAsync($"mariadb < {s.File}", timeout: TimeSpan.FromSeconds(30), ct: ct);
                    if (!result.Ok) throw new HostCommandException(host.Name, $"mariadb < {s.File}", result);
                }
                return null;
            case AttachReplicasStep s:
                return await AttachAsync(instance.Host(s.Primary), Hosts(s.Replicas), ct);
            case StartServicesStep s:
                await Task.WhenAll(s.Services.Select(async hs =>
                {
                    var host = instance.Host(hs.Host);
                    // A socket-activated unit or a service the distribution started at boot may already run.
                    if ((await host.StatusAsync(hs.Service, ct)).State == ServiceState.Stopped) await host.StartAsync(hs.Service, ct: ct);
                }));
                return null;
            case WaitVirtualIpStep s:
                await until.HoldsAsync(s.Describe(), new VirtualIp(instance).HeldBy(s.Holder),
                    new WaitPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100)), ct);
                return null;
            case WaitHaproxyStep s:
                await galera.WaitHaproxyAsync(Hosts(s.Proxies), s.Backends, ct);
                return null;
            case ClientQueryStep s:
                return await ClientQueryAsync(s, ct);
            case LabSetupStep s:
                await new LabStepRunner(instance, until).RunAsync(s.Step, ct);
                return null;
            default:
                throw new NotSupportedException($"bring-up step {step.GetType().Name} has no runner");
        }
    }

    private async Task StartServersAsync(IReadOnlyList<ILabHost> servers, string service, CancellationToken ct)
    {
        await Task.WhenAll(servers.Select(s => s.StartAsync(service, ct: ct)));
        var restarted = new HashSet<string>();
        IReadOnlyList<ILabHost> silent = servers; // as of the last probe: the ones a timeout explains
        try
        {
            await until.HoldsAsync($"{string.Join(", ", servers.Select(s => s.Name))} answering", async c =>
            {
                var seen = await Task.WhenAll(servers.Select(async s =>
                {
                    var result = await s.QueryAsync("SELECT 1", timeout: TimeSpan.FromSeconds(5), ct: c);
                    // A server that exited right after its start (seen once on a loaded 2-core machine inside a
                    // container) gets one more start, as an operator would give it; a second exit is reported.
                    if (!result.Ok && (await s.StatusAsync(service, c)).State == ServiceState.Stopped && restarted.Add(s.Name))
                    {
                        progress(EngineText.BringUp.StartedOnceMore.In(language, s.Name));
                        await s.StartAsync(service, ct: c);
                    }
                    return (Host: s, s.Name, Result: result);
                }));
                silent = seen.Where(s => !s.Result.Ok).Select(s => s.Host).ToList();
                return new ProbeResult(seen.All(s => s.Result.Ok), string.Join("; ", seen.Select(s => $"{s.Name}: {s.Result}")));
            }, new WaitPolicy(StartTimeout, TimeSpan.FromMilliseconds(50)), ct);
        }
        catch (WaitTimeoutException e)
        {
            throw new LabException(e.Message + await ExplainAsync(silent, service, ct), e);
        }
    }

    /// <summary>What each server that did not answer the last probe says about itself: why it did not start.</summary>
    private static async Task<string> ExplainAsync(IEnumerable<ILabHost> silent, string service, CancellationToken ct)
    {
        var parts = new List<string>();
        foreach (var s in silent)
        {
            try
            {
                var why = await s.ExplainServiceAsync(service, ct);
                parts.Add($"\n  --- {s.Name}: {service} {await s.StatusAsync(service, ct)} ---\n  " +
                          (why.Length > 0 ? why.Replace("\n", "\n  ") : "(its log is empty)"));
            }
            catch (LabException e)
            {
                // The wait's own message says what went wrong; a host that cannot be asked why must not replace it.
                parts.Add($"\n  --- {s.Name}: could not be asked why ({e.Message}) ---");
            }
        }
        return string.Concat(parts);
    }

    private async Task<string> AttachAsync(ILabHost primary, IReadOnlyList<ILabHost> replicas, CancellationToken ct)
    {
        // Nothing is written on the primary before the replicas are attached: with semi-sync on from the start
        // (failover lab) such a commit would wait rpl_semi_sync_master_timeout for an ack nobody can send yet.
        var operations = new ReplicationOperations(instance, until, language);
        foreach (var replica in replicas)
            progress(await operations.AttachAsync(replica, primary, AttachStart.Copy, ct));
        await operations.WaitReplicatingAsync(replicas, primary, StartTimeout, ct);
        return EngineText.BringUp.ReplicasCaughtUp.In(language, string.Join(", ", replicas.Select(r => r.Name)), primary.Name);
    }

    private async Task<string> ClientQueryAsync(ClientQueryStep step, CancellationToken ct)
    {
        var client = instance.Host(step.Client);
        string? answeredBy = null;
        await until.HoldsAsync($"{client.Name}: a query through {step.Via}", async c =>
        {
            var r = await client.QueryAsync("SELECT @@hostname", timeout: TimeSpan.FromSeconds(5), ct: c);
            answeredBy = r.Scalar;
            return new ProbeResult(r.Ok && step.AnsweredBy.Contains(r.Scalar ?? ""), r.Ok ? $"answered by {r.Scalar}" : r.ToString());
        }, new WaitPolicy(TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(100)), ct);
        return EngineText.BringUp.ClientAnswered.In(language, client.Name, step.ViaText.In(language), answeredBy ?? "");
    }

    private IReadOnlyList<ILabHost> Hosts(IEnumerable<string> names) => names.Select(instance.Host).ToList();
}
