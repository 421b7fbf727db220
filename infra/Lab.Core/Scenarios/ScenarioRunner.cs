using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Waits;

namespace Lab.Core.Scenarios;

/// <summary>
/// Runs a scenario's stages in order: each action once, then each expectation polled until true or its `within`
/// passes. The first failure ends the scenario; its message names the host, what was expected and what was seen,
/// with the tail of the host's log. Step lines and failures are in <paramref name="language"/>.
/// </summary>
public sealed class ScenarioRunner(LabInstance instance, IScenarioObserver observer, TimeProvider clock, Language language = Language.En)
{
    public async Task<ScenarioResult> RunAsync(Scenario scenario, CancellationToken ct)
    {
        if (await NotRunAsync(scenario, ct) is { } notRun) return notRun;
        observer.ScenarioStarted(scenario);
        var context = new RunContext(instance);
        var until = new Until(clock, instance.Pace);
        var actions = new ActionExecutor(context, until, clock, observer.Note, language);
        var probes = new ExpectationProbes(context, language);
        var steps = new List<StepResult>();
        var start = clock.GetTimestamp();
        string? error = null;
        // An observer that samples the lab (the HTML report) looks whenever the runner does, never in between.
        var watcher = observer as IScenarioWatcher;
        void Look() => watcher?.Looking(instance, clock.GetElapsedTime(start));
        Probe Watched(Probe probe) => watcher is null ? probe : c => { Look(); return probe(c); };
        // Runs one stage's steps; an ordinary stage stops at its first failure, the final stage runs every step.
        async Task<string?> RunStageAsync(int i, Stage stage, CancellationToken token)
        {
            string? failure = null;
            observer.StageStarted(i, stage);
            Look();
            foreach (var action in stage.Actions)
            {
                var step = await TimeAsync(i, stage.Title.En, StepKind.Action, action.Describe(language), start, () =>
                    ActionTimeout.RunAsync(action, scenario.File, instance.Pace, clock, language, c => actions.RunAsync(action, c), token));
                steps.Add(step);
                observer.StepFinished(step);
                Look();
                if (step.Passed) continue;
                failure ??= step.Detail;
                if (!stage.Finally) return failure;
            }
            foreach (var expectation in stage.Expectations)
            {
                var step = await TimeAsync(i, stage.Title.En, StepKind.Expectation, expectation.DescribeStep(language), start, async () =>
                {
                    var probe = Watched(probes.For(expectation));
                    try
                    {
                        var (result, _) = await until.HoldsAsync(expectation.Describe(), probe, new WaitPolicy(expectation.Within, PollInterval), token);
                        if (expectation.Hold is not { } hold) return result.Observed;
                        var last = await until.StaysAsync(expectation.Describe(), probe, hold, PollInterval, token);
                        return EngineText.Expectations.Held.In(language, (hold * until.Pace).TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture), last.Observed);
                    }
                    catch (WaitTimeoutException e)
                    {
                        throw new ScenarioStepException(EngineText.Expectations.TimedOut.In(language, $"{scenario.File}:{expectation.Line}",
                            expectation.Describe(language), expectation.Within.TotalSeconds, e.LastObserved) + await LogTailsAsync(expectation, token));
                    }
                    catch (HoldBrokenException e)
                    {
                        throw new ScenarioStepException(EngineText.Expectations.HoldBroken.In(language, $"{scenario.File}:{expectation.Line}", expectation.Describe(language),
                            e.Hold.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture),
                            e.After.TotalSeconds.ToString("0.0#", System.Globalization.CultureInfo.InvariantCulture), e.Observed) + await LogTailsAsync(expectation, token));
                    }
                });
                steps.Add(step);
                observer.StepFinished(step);
                Look();
                if (step.Passed) continue;
                failure ??= step.Detail;
                if (!stage.Finally) return failure;
            }
            return failure;
        }

        try
        {
            for (var i = 0; i < scenario.Stages.Count && error is null; i++)
                if (!scenario.Stages[i].Finally) error = await RunStageAsync(i, scenario.Stages[i], ct);
        }
        finally
        {
            // The scenario's own final stage gives back what it took (a lock, a stopped node), whatever happened;
            // interrupted, it still runs, bounded by a token of its own.
            if (scenario.Stages.Count > 0 && scenario.Stages[^1] is { Finally: true } final)
            {
                if (error is not null) observer.Note(EngineText.Run.FinalStageAfterFailure.In(language));
                using var own = ct.IsCancellationRequested ? new CancellationTokenSource(CleanUpTimeout * instance.Pace, clock) : null;
                var finalError = await RunStageAsync(scenario.Stages.Count - 1, final, own?.Token ?? ct);
                // A failure of the final stage is reported after the scenario's own, never in its place.
                if (finalError is not null)
                    error = error is null ? finalError : error + "\n" + EngineText.Run.FinalStageFailedToo.In(language, finalError);
            }
            // A scenario that failed while the writer ran still reports what the client saw.
            if (context.Workload is { } running) context.WorkloadReport ??= await running.StopAsync();
            // Temporary faults (impaired links) never outlive the scenario, pass, fail or Ctrl-C.
            var undoError = await UndoAsync(scenario, context, steps, start);
            error ??= undoError;
        }
        var result = new ScenarioResult(scenario, steps, clock.GetElapsedTime(start), error) { Workload = context.WorkloadReport };
        observer.ScenarioFinished(result);
        return result;
    }

    /// <summary>
    /// Null when this instance's hosts can run the scenario; else its "not run" result, reported to the observer. Decided
    /// from what the instance knows of its hosts (<see cref="ScenarioPrerequisites"/>), so a suite asks before it spends
    /// time preparing the lab.
    /// </summary>
    public async Task<ScenarioResult?> NotRunAsync(Scenario scenario, CancellationToken ct)
    {
        if (await ScenarioPrerequisites.WhyNotRunnableAsync(scenario, instance.Lab.Name, instance.Kernels, ct, language) is not { } why) return null;
        var result = ScenarioResult.NotRunBecause(scenario, why);
        observer.ScenarioStarted(scenario);
        observer.ScenarioFinished(result);
        return result;
    }

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The title the clean-up steps carry in the timeline; they come after the last stage.</summary>
    public const string CleanUpTitle = "clean-up";

    private static readonly TimeSpan CleanUpTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Undoes what the run left in place, each as one action step after the last stage. Runs even when the scenario was
    /// cancelled, with a token of its own. Returns the first failure, or null.
    /// </summary>
    private async Task<string?> UndoAsync(Scenario scenario, RunContext context, List<StepResult> steps, long start)
    {
        string? failure = null;
        foreach (var undo in context.TakeUndo())
        {
            // Stretched like every wait on slow hosts: powering a VM on under emulation takes about a minute.
            var limit = CleanUpTimeout * instance.Pace;
            using var timeout = new CancellationTokenSource(limit, clock);
            var step = await TimeAsync(scenario.Stages.Count, CleanUpTitle, StepKind.Action, undo.Description, start, async () =>
            {
                try
                {
                    await undo.Undo(timeout.Token);
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    throw new ScenarioStepException(EngineText.Expectations.CleanUpTimedOut.In(language, limit.TotalSeconds));
                }
                return null;
            });
            steps.Add(step);
            observer.StepFinished(step);
            failure ??= step.Passed ? null : EngineText.Expectations.CleanUpFailed.In(language, undo.Description, step.Detail ?? "");
        }
        return failure;
    }

    private async Task<StepResult> TimeAsync(int index, string stageTitle, StepKind kind, string description, long scenarioStart, Func<Task<string?>> body)
    {
        var at = clock.GetElapsedTime(scenarioStart);
        var begin = clock.GetTimestamp();
        try
        {
            var detail = await body();
            return new StepResult(index, stageTitle, kind, description, at, clock.GetElapsedTime(begin), true, detail);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new StepResult(index, stageTitle, kind, description, at, clock.GetElapsedTime(begin), false, e.Message);
        }
    }

    /// <summary>The last lines of the logs of the hosts an expectation looked at, to show what they were doing.</summary>
    private async Task<string> LogTailsAsync(Expectation expectation, CancellationToken ct)
    {
        IEnumerable<string> hosts = expectation switch
        {
            StatusExpectation e => e.Hosts,
            QueryExpectation e => e.Hosts,
            LogExpectation e => [e.Host],
            FileExpectation e => [e.Host],
            ServiceExpectation e => e.Hosts,
            BackendExpectation e => [e.Proxy],
            ReplicaExpectation e => e.Hosts,
            LagExpectation e => [e.Host],
            CommandExpectation e => e.Hosts,
            ValueExpectation e => e.Hosts,
            _ => [],
        };
        var parts = new List<string>();
        foreach (var h in hosts.Distinct())
        {
            var host = instance.Host(h);
            if (host.Definition.Services.Count == 0 || instance.Power?.IsOn(h) == false) continue;
            var log = Lab.Core.Services.ServiceCatalog.Get(host.Definition.Services[0]).LogPath;
            var r = await host.RunAsync($"tail -n 6 {log} 2>/dev/null", ct: ct);
            if (r.Stdout.Trim().Length > 0) parts.Add($"\n  {EngineText.Expectations.LogTail.In(language, h, log)}\n  " + r.Stdout.TrimEnd().Replace("\n", "\n  "));
        }
        return string.Concat(parts);
    }
}
