using System.Text.RegularExpressions;
using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Messages;
using Lab.Core.Replication;
using Lab.Core.Sql;
using Lab.Core.Waits;
using Lab.Core.Workload;

namespace Lab.Core.Scenarios;

/// <summary>Carries out one action on the lab; returns a short detail for the timeline (in <paramref name="language"/>), throws when it failed.</summary>
public sealed class ActionExecutor(RunContext context, Until until, TimeProvider clock, Action<string> note, Language language = Language.En)
{
    private readonly Sessions.SessionExecutor _sessions = new(context, clock, language);

    public async Task<string?> RunAsync(ScenarioAction action, CancellationToken ct)
    {
        var lab = context.Instance;
        switch (action)
        {
            case ServiceAction a:
                foreach (var h in a.Hosts)
                {
                    var host = lab.Host(h);
                    var service = MainService(host);
                    await (a.Verb switch
                    {
                        ServiceVerb.Kill => host.SignalAsync(service, ServiceSignal.Kill, ct),
                        ServiceVerb.Stop => host.StopAsync(service, ct),
                        ServiceVerb.Pause => host.SignalAsync(service, ServiceSignal.Pause, ct),
                        _ => host.SignalAsync(service, ServiceSignal.Resume, ct),
                    });
                }
                return null;
            case StartAction { ProviderOptions: { } options } a:
                return string.Join("; ", await Task.WhenAll(a.Hosts.Select(async h =>
                {
                    var merged = await MergedProviderOptions.ForAsync(lab.Host(h), options, language, ct);
                    // Registered first, like every temporary fault: the next scenarios get the lab's configuration back.
                    context.UndoAtEnd(MergedProviderOptions.UndoKey(h), EngineText.Values.UndoProviderOptions.In(language, h),
                        c => MergedProviderOptions.RestartWithOwnAsync(lab.Host(h), MainService(lab.Host(h)), c));
                    await lab.Host(h).StartAsync(MainService(lab.Host(h)), [.. a.Args, MergedProviderOptions.Argument(merged)], ct);
                    return EngineText.Values.StartedWithProviderOptions.In(language, h, merged);
                })));
            case StartAction a:
                await Task.WhenAll(a.Hosts.Select(h => lab.Host(h).StartAsync(MainService(lab.Host(h)), a.Args, ct)));
                foreach (var h in a.Hosts) context.Undone(MergedProviderOptions.UndoKey(h)); // started without added options
                return null;
            case IsolateAction a:
                await Task.WhenAll(a.Hosts.Select(h => lab.Host(h).SetIsolatedAsync(a.Isolate, ct)));
                return a.Isolate ? EngineText.Actions.IsolatedDetail.In(language) : null;
            case ImpairAction a:
                await Task.WhenAll(a.Hosts.Select(h => ImpairAsync(lab.Host(h), a.Impairment, ct)));
                return a.Impairment is { } i ? EngineText.Actions.ImpairedDetail.In(language, NetemLink.ApplyCommand(i)) : null;
            case SqlAction a:
            {
                var started = clock.GetTimestamp();
                var result = await lab.Host(a.Host).QueryAsync(a.Sql, timeout: ActionTimeout.ClientLimit(a, until.Pace), ct: ct);
                var took = clock.GetElapsedTime(started);
                string? detail;
                if (a.Error is { } code)
                    detail = result.ErrorCode == code ? $"ERROR {code}: {result.ErrorMessage}"
                        : throw new ScenarioStepException(EngineText.Actions.SqlWrongError.In(language, a.Host, code, result.Describe(language)));
                else
                    detail = result.Ok ? result.Scalar is { } s ? $"→ {s}" : null : throw new ScenarioStepException($"{a.Host}: {result.Describe(language)}");
                if (a.SlowerThan is null && a.FasterThan is null) return detail;
                // The statement's own duration is the measurement (e.g. a commit waiting for a replica's ack).
                var timing = EngineText.Actions.Took.In(language, took.TotalSeconds);
                if (a.SlowerThan is { } slow && took <= slow)
                    throw new ScenarioStepException(EngineText.Actions.TooFast.In(language, a.Host, slow.TotalSeconds, timing));
                if (a.FasterThan is { } fast && took >= fast)
                    throw new ScenarioStepException(EngineText.Actions.TooSlow.In(language, a.Host, fast.TotalSeconds, timing));
                return detail is null ? timing : $"{timing} {detail}";
            }
            case Sessions.SessionAction a:
                return await _sessions.RunAsync(a, ct);
            case AttachAction a:
                return await new ReplicationOperations(lab, until, language).AttachAsync(lab.Host(a.Host), lab.Host(a.Source), a.Start, ct);
            case PromoteAction a:
                return await ReplicationOperations.PromoteAsync(lab.Host(a.Host), ct, language);
            case PromoteMostAdvancedAction a:
                return await new MostAdvancedPromotion(lab, until, note, language).RunAsync(a.Hosts.Select(lab.Host).ToList(), ct);
            case ShellAction a:
            {
                var result = await lab.Host(a.Host).RunAsync(ScenarioText.Expand(a.Command, lab.Lab), timeout: ActionTimeout.ClientLimit(a, until.Pace), ct: ct);
                if (result.ExitCode != a.Exit) throw new ScenarioStepException(EngineText.Actions.WrongExit.In(language, a.Host, a.Exit, result.Describe()));
                var output = result.Stdout.Trim();
                return output.Length == 0 ? null : output.Length > 200 ? output[..200] + "…" : output;
            }
            case EditFileAction a:
            {
                var host = lab.Host(a.Host);
                var text = await host.ReadFileAsync(a.Path, ct) ?? throw new ScenarioStepException(EngineText.Actions.FileMissing.In(language, a.Host, a.Path));
                if (!text.Contains(a.Replace, StringComparison.Ordinal))
                    throw new ScenarioStepException(EngineText.Actions.TextMissing.In(language, a.Host, a.Path, a.Replace, OneLine(text)));
                var (mode, owner) = await ModeAndOwnerAsync(host, a.Path, ct);
                await host.WriteFileAsync(a.Path, text.Replace(a.Replace, a.With, StringComparison.Ordinal), mode, owner, ct);
                return null;
            }
            case PowerAction a:
                await Task.WhenAll(a.Hosts.Select(h => PowerAsync(h, a.On, ct)));
                return a.On ? null : EngineText.Actions.PoweredOffDetail.In(language);
            case ProviderOptionsAction a:
                await lab.Host(a.Host).ExecuteAsync($"SET GLOBAL wsrep_provider_options='{a.Options.Replace("'", "''")}'", ct);
                return null;
            case MarkLogAction a:
                foreach (var h in a.Hosts)
                {
                    var r = await lab.Host(h).RunAsync($"stat -c %s {context.LogOf(h)} 2>/dev/null || echo 0", ct: ct);
                    context.SetMark(h, long.TryParse(r.Stdout.Trim(), out var size) ? size : 0);
                }
                return string.Join(", ", a.Hosts.Select(h => EngineText.Actions.MarkedAt.In(language, h, context.MarkOf(h))));
            case SaveValueAction a:
            {
                string value;
                try { value = await a.Source.ReadAsync(lab.Host(a.Host), language, ct); }
                catch (ValueUnreadableException e) { throw new ScenarioStepException(EngineText.Values.CannotSave.In(language, a.Host, e.Message)); }
                context.Saved.Set(a.Name, value);
                return EngineText.Values.Saved.In(language, a.Name, value);
            }
            case BootstrapMostAdvancedAction a:
                return await new GaleraRecovery(until, note, language).BootstrapMostAdvancedAsync(a.Hosts.Select(lab.Host).ToList(), ct);
            case RemoveAcknowledgedWriteAction a:
            {
                var report = context.WorkloadReport ?? throw new ScenarioStepException(EngineText.Actions.NoFinishedWriter.In(language));
                var id = report.Writes.LastOrDefault(w => w.Outcome == WriteOutcome.Ok)?.Id ?? throw new ScenarioStepException(EngineText.Actions.NoAcknowledgedWrite.In(language));
                await lab.Host(a.Host).ExecuteAsync($"SET SESSION wsrep_on=OFF; DELETE FROM {WriteWorkload.Table} WHERE id={id}", ct);
                return EngineText.Actions.DeletedRow.In(language, id, a.Host);
            }
            case IncrementsAction or StaleReadsAction or StopSafetyAction:
                return await new SafetySteps(context, language).RunAsync(action, clock, ct);
            case WorkloadAction { Start: true } a:
                if (context.Workload is not null) throw new ScenarioStepException(EngineText.Actions.WriterRunning.In(language));
                context.Workload = await WriteWorkload.StartAsync(lab.Host(a.Through), clock, ct);
                context.WorkloadReport = null;
                return EngineText.Actions.WriterStarted.In(language, WriteWorkload.Table, a.Through);
            case WorkloadAction:
                var workload = context.Workload ?? throw new ScenarioStepException(EngineText.Actions.NoWriter.In(language));
                context.Workload = null;
                context.WorkloadReport = await workload.StopAsync();
                return context.WorkloadReport.Describe(language);
            default:
                throw new NotSupportedException(action.GetType().Name);
        }
    }

    private async Task ImpairAsync(ILabHost host, LinkImpairment? impairment, CancellationToken ct)
    {
        var key = $"impair {host.Name}";
        if (impairment is null)
        {
            await host.ImpairLinkAsync(null, ct);
            context.Undone(key);
            return;
        }
        // Registered first: even a failed or interrupted attempt is followed by a removal (which is idempotent).
        context.UndoAtEnd(key, EngineText.Actions.UndoImpair.In(language, host.Name), c => host.ImpairLinkAsync(null, c));
        try
        {
            await host.ImpairLinkAsync(impairment, ct);
        }
        catch (NetemUnavailableException e)
        {
            throw new NetemUnavailableException(e.Host, context.Instance.Lab.Name);
        }
    }

    private async Task PowerAsync(string host, bool on, CancellationToken ct)
    {
        var lab = context.Instance;
        lab.Host(host); // an unknown host is named as such
        var power = lab.Power ?? throw new NoPowerControlException(host, lab.Target, lab.Lab.Name);
        var key = $"power {host}";
        if (on)
        {
            await power.PowerOnAsync(host, ct);
            context.Undone(key);
            return;
        }
        // Registered first: a machine left off would break every later scenario; powering on a running one is a no-op.
        context.UndoAtEnd(key, EngineText.Actions.UndoPowerOff.In(language, host), c => power.PowerOnAsync(host, c));
        await power.PowerOffAsync(host, ct);
    }

    private static string MainService(ILabHost host) =>
        host.Definition.Services.FirstOrDefault() ?? throw new ScenarioStepException($"{host.Name} runs no service");

    private static async Task<(string Mode, string Owner)> ModeAndOwnerAsync(ILabHost host, string path, CancellationToken ct)
    {
        // Never guessed: a default mode would make a 0600 file that holds passwords readable by everyone.
        var r = await host.RunAsync($"stat -c '%a %U' '{path.Replace("'", "'\\''")}'", ct: ct);
        var parts = r.Stdout.Trim().Split(' ');
        return r.Ok && parts.Length == 2 ? (parts[0].PadLeft(4, '0'), parts[1])
            : throw new ScenarioStepException($"{host.Name}: cannot read the mode and owner of {path} to keep them ({r.Describe()})");
    }

    internal static string OneLine(string text) => Regex.Replace(text.Trim(), @"\s*\n\s*", " | ");
}

/// <summary>A step that did not do what the scenario said it should.</summary>
public sealed class ScenarioStepException(string message) : Lab.Core.Errors.LabException(message);
