using System.Threading.Channels;
using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Core.Waits;

namespace Lab.Core.Guide;

/// <summary>
/// Guided mode: shows each stage of a scenario (title, explanation, what to type and where), then checks the stage's
/// expectations continuously while the student works in `lab shell`, with the scenario engine's own probes and waits;
/// when they all hold it shows ✓ and goes on. It never does the stage's own actions unless asked (`s`), and then
/// through the engine's <see cref="ActionExecutor"/>. Lines typed to it arrive on <paramref name="input"/>, one
/// command each; the channel completing (standard input closed) leaves it checking. Every line shown is in
/// <paramref name="language"/>; the author's texts are shown in it where the scenario has them.
/// </summary>
public sealed class GuideRunner(LabInstance instance, Scenario scenario, IGuideView view, ChannelReader<string> input, TimeProvider clock,
    Language language, Action<GuideCheckpoint> save)
{
    /// <summary>How often the expectations are looked at: often enough to feel immediate, rarely enough to leave the hosts alone.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(300);

    /// <summary>A student takes as long as they take: the wait for a stage has no practical end.</summary>
    private static readonly TimeSpan NoEnd = TimeSpan.FromDays(365);

    private readonly RunContext _context = new(instance);
    private readonly Until _until = new Until(clock).Paced(instance.Pace);
    private Task<bool>? _nextLine;
    private bool _inputClosed;

    public async Task<GuideOutcome> RunAsync(GuideOptions options, CancellationToken ct)
    {
        var actions = new ActionExecutor(_context, _until, clock, n => view.Show(GuideLine.Note, n), language);
        var probes = new ExpectationProbes(_context, language);
        foreach (var (host, offset) in options.LogMarks) _context.SetMark(host, offset);
        var stages = scenario.Stages.Where(s => !s.Finally).ToList();
        var started = clock.GetTimestamp();
        try
        {
            for (var i = options.StartAt; i < stages.Count; i++)
            {
                var stage = stages[i];
                ShowStage(i, stages.Count, stage);
                // The guide's own part first (a log mark before the student's kill), unless a resumed stage did it already.
                var resumedHere = i == options.StartAt && i == options.LogMarksStage && options.LogMarks.Count > 0;
                foreach (var action in stage.Actions.Where(GuideSteps.IsGuides))
                {
                    if (action is MarkLogAction && resumedHere) continue;
                    if (action is not MarkLogAction) view.Show(GuideLine.Note, EngineText.Guide.GuideDoes.In(language, action.Describe(language)));
                    await actions.RunAsync(action, ct);
                }
                save(new GuideCheckpoint(i, Marks(), i, false));
                var begin = clock.GetTimestamp();
                var passed = await WaitForStageAsync(stage, new StageCheck(stage, probes, language), actions, options.HintAfter, ct);
                if (passed is not { } alreadyHeld) return GuideOutcome.Quit;
                view.Show(GuideLine.Passed, EngineText.Guide.Passed.In(language, i + 1, stage.Title.In(language), clock.GetElapsedTime(begin).TotalSeconds));
                if (alreadyHeld) view.Show(GuideLine.Note, EngineText.Guide.AlreadyHolds.In(language));
                save(new GuideCheckpoint(i + 1, Marks(), i, false));
            }
            await FinalStageAsync(actions, probes, ct);
            save(new GuideCheckpoint(stages.Count, Marks(), -1, true));
            view.Show(GuideLine.Passed, EngineText.Guide.Completed.In(language, scenario.Name, stages.Count - options.StartAt, clock.GetElapsedTime(started).TotalSeconds));
            return GuideOutcome.Completed;
        }
        finally
        {
            // A link the guide cut or impaired never outlives it, completed, quit or interrupted (as in `lab run`).
            foreach (var undo in _context.TakeUndo())
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60) * instance.Pace, clock);
                view.Show(GuideLine.Note, undo.Description);
                try { await undo.Undo(limit.Token); }
                catch (Exception e) when (e is not OperationCanceledException || limit.IsCancellationRequested) { view.Show(GuideLine.Problem, e.Message); }
            }
        }
    }

    private IReadOnlyDictionary<string, long> Marks() =>
        instance.Hosts.Keys.Where(h => _context.MarkOf(h) > 0).ToDictionary(h => h, _context.MarkOf);

    private void ShowStage(int index, int count, Stage stage)
    {
        view.Show(GuideLine.Title, EngineText.Guide.Stage.In(language, index + 1, count, stage.Title.In(language)));
        if (stage.Explain.En.Length > 0) view.Show(GuideLine.Text, stage.Explain.In(language));
        ShowInstructions(stage);
        foreach (var host in GuideSteps.HostsToOpen(stage))
            view.Show(GuideLine.Command, EngineText.Guide.OpenShell.In(language, host, instance.Name));
        if (stage.Expectations.Count == 0) view.Show(GuideLine.Note, EngineText.Guide.NothingToCheck.In(language));
        else
        {
            view.Show(GuideLine.Note, EngineText.Guide.Waiting.In(language));
            foreach (var e in stage.Expectations) view.Show(GuideLine.Note, "  " + e.DescribeStep(language));
        }
    }

    /// <summary>The author's instructions, or else the stage's own steps: either way the student knows what is asked.</summary>
    private void ShowInstructions(Stage stage)
    {
        if (stage.Instructions.En.Length > 0)
        {
            view.Show(GuideLine.Note, EngineText.Guide.WhatToType.In(language));
            foreach (var line in Filled(stage.Instructions).Split('\n')) view.Show(GuideLine.Command, "  " + line.TrimEnd());
            return;
        }
        var own = GuideSteps.StudentActions(stage);
        if (own.Count == 0) return;
        view.Show(GuideLine.Note, EngineText.Guide.WhatToDo.In(language));
        foreach (var action in own) view.Show(GuideLine.Command, "  " + action.Describe(language));
    }

    /// <summary>
    /// An instructions or hint text in the guide's language with `{{instance}}` (for `lab kill db1 --instance ...`) and
    /// the lab's own placeholders (`{{hosts.db1.address}}`) filled; one naming nothing in the lab is left as written.
    /// </summary>
    private string Filled(Model.LocalizedText text)
    {
        var filled = text.In(language).TrimEnd().Replace("{{instance}}", instance.Name, StringComparison.Ordinal);
        return ScenarioText.Problem(filled, instance.Lab) is null ? ScenarioText.Expand(filled, instance.Lab) : filled;
    }

    /// <summary>
    /// Waits until the stage's expectations hold (and stay so for their `for:`), answering the student's keys meanwhile.
    /// Returns null when the student quit; else whether the expectations already held at the first look.
    /// </summary>
    private async Task<bool?> WaitForStageAsync(Stage stage, StageCheck check, ActionExecutor actions, TimeSpan? hintAfter, CancellationToken ct)
    {
        var hinted = false;
        var lastProgress = clock.GetTimestamp();
        while (true)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(ct);
            // The unasked hint is the wait's own timeout: no progress that long, and the wait ends with what it saw.
            var hintIn = !hinted && hintAfter is { } after ? after - clock.GetElapsedTime(lastProgress) : NoEnd;
            var holds = stage.Expectations.Count == 0 ? new TaskCompletionSource<StageWait>().Task
                : WaitAsync(check, hintIn > TimeSpan.Zero ? hintIn : TimeSpan.Zero, waiting.Token);
            var line = NextLine(ct);
            if (await Task.WhenAny(holds, line) == holds)
            {
                switch (await holds)
                {
                    case StageWait.Held: return check.HeldAtFirstLook;
                    case StageWait.HintDue:
                        hinted = true;
                        view.Show(GuideLine.Hint, EngineText.Guide.HintAfterWhile.In(language, hintAfter!.Value.TotalSeconds));
                        ShowHint(stage, check);
                        break;
                }
                continue; // a hint, or a `for:` hold that broke: wait again
            }
            waiting.Cancel();
            try { await holds; } catch (OperationCanceledException) { }
            if (!await line) continue; // standard input closed: keep checking
            switch (GuideKeys.Parse(TakeLine()))
            {
                case GuideKey.Quit: return null;
                case GuideKey.Hint:
                    hinted = true; // asked for: not shown again unasked
                    ShowHint(stage, check);
                    break;
                case GuideKey.Solve:
                    await SolveAsync(stage, actions, ct);
                    lastProgress = clock.GetTimestamp();
                    if (stage.Expectations.Count == 0) return false;
                    break;
                case GuideKey.Done when stage.Expectations.Count == 0: return false;
                case GuideKey.Done: break; // Enter alone: the check goes on
                default: view.Show(GuideLine.Note, EngineText.Guide.UnknownKey.In(language)); break;
            }
        }
    }

    private enum StageWait { Held, HoldBroken, HintDue }

    /// <summary>Polls the stage until it holds (and stays so for its `for:`), or <paramref name="hintIn"/> passes without it.</summary>
    private async Task<StageWait> WaitAsync(StageCheck check, TimeSpan hintIn, CancellationToken ct)
    {
        try
        {
            await _until.HoldsAsync(scenario.Name, check.ProbeAsync, new WaitPolicy(hintIn, PollInterval), ct);
        }
        catch (WaitTimeoutException)
        {
            return StageWait.HintDue;
        }
        if (check.Hold is not { } hold) return StageWait.Held;
        try
        {
            await _until.StaysAsync(scenario.Name, check.ProbeAsync, hold, PollInterval, ct);
            return StageWait.Held;
        }
        catch (HoldBrokenException)
        {
            return StageWait.HoldBroken;
        }
    }

    private void ShowHint(Stage stage, StageCheck check)
    {
        view.Show(GuideLine.Hint, EngineText.Guide.HintTitle.In(language));
        if (stage.Hint.En.Length > 0)
            foreach (var line in Filled(stage.Hint).Split('\n')) view.Show(GuideLine.Hint, "  " + line.TrimEnd());
        else ShowInstructions(stage);
        if (check.LastSeen.Length > 0) view.Show(GuideLine.Hint, EngineText.Guide.LastSeen.In(language, check.LastSeen));
    }

    /// <summary>`s`: the stage's own steps, through the engine, each shown with its outcome; a failed one stops the solve.</summary>
    private async Task SolveAsync(Stage stage, ActionExecutor actions, CancellationToken ct)
    {
        view.Show(GuideLine.Note, EngineText.Guide.Solving.In(language));
        foreach (var action in GuideSteps.StudentActions(stage))
        {
            try
            {
                var detail = await ActionTimeout.RunAsync(action, scenario.File, instance.Pace, clock, language, c => actions.RunAsync(action, c), ct);
                view.Show(GuideLine.Command, $"  {action.Describe(language)}" + (detail is null ? "" : $" → {detail}"));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                view.Show(GuideLine.Problem, EngineText.Guide.SolveStepFailed.In(language, $"{action.Describe(language)}: {e.Message}"));
                return;
            }
        }
    }

    /// <summary>The scenario's `finally: true` stage, done by the guide as `lab run` does it: its steps, then its checks within their time.</summary>
    private async Task FinalStageAsync(ActionExecutor actions, ExpectationProbes probes, CancellationToken ct)
    {
        if (scenario.Stages.Count == 0 || scenario.Stages[^1] is not { Finally: true } final) return;
        view.Show(GuideLine.Note, EngineText.Guide.FinalStage.In(language));
        try
        {
            foreach (var action in final.Actions)
            {
                var detail = await ActionTimeout.RunAsync(action, scenario.File, instance.Pace, clock, language, c => actions.RunAsync(action, c), ct);
                view.Show(GuideLine.Note, $"  {action.Describe(language)}" + (detail is null ? "" : $" → {detail}"));
            }
            foreach (var expectation in final.Expectations)
                await _until.HoldsAsync(expectation.Describe(), probes.For(expectation), new WaitPolicy(expectation.Within, PollInterval), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            view.Show(GuideLine.Problem, EngineText.Guide.FinalStageFailed.In(language, e.Message));
        }
    }

    /// <summary>A task that completes when a line is there to take (true) or input ended (false); one read pending at a time.</summary>
    private Task<bool> NextLine(CancellationToken ct)
    {
        if (_inputClosed) return new TaskCompletionSource<bool>().Task;
        _nextLine ??= input.WaitToReadAsync(ct).AsTask();
        return _nextLine.ContinueWith(t =>
        {
            if (t.IsCompletedSuccessfully && !t.Result) _inputClosed = true;
            return t.IsCompletedSuccessfully && t.Result;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private string TakeLine()
    {
        _nextLine = null;
        return input.TryRead(out var line) ? line : "";
    }
}
