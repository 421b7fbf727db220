using Lab.Core.Messages;
using Lab.Core.Waits;
using Lab.Core.Workload;

namespace Lab.Core.Scenarios;

/// <summary>Starts and stops the data-safety workloads, and turns their expectations into probes.</summary>
public sealed class SafetySteps(RunContext context, Language language)
{
    private const string UndoKey = "safety workload ";

    public async Task<string?> RunAsync(ScenarioAction action, TimeProvider clock, CancellationToken ct)
    {
        var lab = context.Instance;
        var safety = context.Safety;
        switch (action)
        {
            case IncrementsAction a:
            {
                if (safety.Increments is { Finished: false }) throw new ScenarioStepException(EngineText.Safety.AlreadyRunning.In(language, SafetyKinds.Increments));
                var workload = await IncrementWorkload.StartAsync(a.Through.Select(lab.Host).ToList(), a.Locking, a.Count, clock, ct);
                (safety.Increments, safety.IncrementReport) = (workload, null);
                // Never outlives the scenario, pass or fail.
                context.UndoAtEnd(UndoKey + SafetyKinds.Increments, EngineText.Safety.StopWorkload.In(language, SafetyKinds.Increments), _ => workload.CancelAsync());
                return EngineText.Safety.Started.In(language, $"{IncrementWorkload.Counter}, {IncrementWorkload.Journal}");
            }
            case StaleReadsAction a:
            {
                if (safety.StaleReads is { Finished: false }) throw new ScenarioStepException(EngineText.Safety.AlreadyRunning.In(language, SafetyKinds.StaleReads));
                var workload = await StaleReadWorkload.StartAsync(lab.Host(a.From), lab.Host(a.Writer), a.Readers.Select(lab.Host).ToList(), a.SyncWaits, a.Count, clock, ct);
                (safety.StaleReads, safety.StaleReadReport) = (workload, null);
                context.UndoAtEnd(UndoKey + SafetyKinds.StaleReads, EngineText.Safety.StopWorkload.In(language, SafetyKinds.StaleReads), _ => workload.StopAsync(now: true));
                return EngineText.Safety.Started.In(language, StaleReadWorkload.Table);
            }
            case StopSafetyAction { Kind: SafetyKinds.Increments }:
                return (await IncrementReportAsync(stopNow: true, ct)).Describe(language);
            case StopSafetyAction:
                return (await StaleReadReportAsync(stopNow: true)).Describe(language);
            default:
                throw new NotSupportedException(action.GetType().Name);
        }
    }

    public Probe For(Expectation expectation) => expectation switch
    {
        LostUpdatesExpectation e => async ct =>
        {
            var running = context.Safety.Increments ?? throw new ScenarioStepException(EngineText.Safety.NothingToCheck.In(language, SafetyKinds.Increments));
            if (context.Safety.IncrementReport is null && !running.Finished)
                return ProbeResult.No(EngineText.Safety.StillRunning.In(language, running.Done, running.Planned));
            var report = await IncrementReportAsync(stopNow: false, ct);
            var ok = Bounds.Within(report.LostUpdates, e.Min, e.Max) && report.Acknowledged >= e.MinAcknowledged && report is { MissingAcknowledged: 0, Extra: 0 }
                     && (e.Deadlocks is not { } d || Bounds.Within(report.Deadlocks, d.Min, d.Max));
            return new ProbeResult(ok, report.Describe(language));
        },
        StaleReadsExpectation e => async ct =>
        {
            var running = context.Safety.StaleReads ?? throw new ScenarioStepException(EngineText.Safety.NothingToCheck.In(language, SafetyKinds.StaleReads));
            if (context.Safety.StaleReadReport is null && !running.Finished)
                return ProbeResult.No(EngineText.Safety.StillRunning.In(language, running.Done, running.Planned));
            var report = await StaleReadReportAsync(stopNow: false);
            var count = report.For(e.SyncWait);
            return new ProbeResult(Bounds.Within(count.Stale, e.Min, e.Max) && count.Reads >= e.MinReads, report.Describe(language));
        },
        _ => throw new NotSupportedException(expectation.GetType().Name),
    };

    private async Task<IncrementReport> IncrementReportAsync(bool stopNow, CancellationToken ct)
    {
        var safety = context.Safety;
        if (safety.IncrementReport is { } taken) return taken;
        var workload = safety.Increments ?? throw new ScenarioStepException(EngineText.Safety.NothingToCheck.In(language, SafetyKinds.Increments));
        safety.IncrementReport = await workload.StopAsync(context.Instance.Host(workload.Through[0]), stopNow, ct);
        context.Undone(UndoKey + SafetyKinds.Increments);
        return safety.IncrementReport;
    }

    private async Task<StaleReadReport> StaleReadReportAsync(bool stopNow)
    {
        var safety = context.Safety;
        if (safety.StaleReadReport is { } taken) return taken;
        var workload = safety.StaleReads ?? throw new ScenarioStepException(EngineText.Safety.NothingToCheck.In(language, SafetyKinds.StaleReads));
        safety.StaleReadReport = await workload.StopAsync(stopNow);
        context.Undone(UndoKey + SafetyKinds.StaleReads);
        return safety.StaleReadReport;
    }
}
