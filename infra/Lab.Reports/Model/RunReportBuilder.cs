using Lab.Core.Messages;
using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Core.Status;
using Lab.Core.Workload;
using Lab.Reports.Recording;

namespace Lab.Reports.Model;

/// <summary>Builds the report's model from a run's results, the instance's lab (with its own addresses) and the sampled node states.</summary>
public static class RunReportBuilder
{
    public static RunReport Build(LabDefinition lab, string instance, string target, Language language, IReadOnlyList<ScenarioResult> results,
        Func<Scenario, IReadOnlyList<StateSample>> samples, DateTimeOffset generated) =>
        new(lab.Name, lab.Title.In(language), instance, target, language, generated, TopologyOf(lab),
            results.Select(r => Scenario(r, language, samples(r.Scenario))).ToList());

    public static Topology TopologyOf(LabDefinition lab)
    {
        var aspects = StatusAspects.For(lab);
        return new Topology(
            lab.AllNetworks.Select(n => new TopologyNetwork(n.Name, n.Subnet.ToString())).ToList(),
            lab.Hosts.Select(h => new TopologyHost(h.Name, h.Role, h.Services, h.Nics.Select(n => new HostAddress(n.Network, n.Address, n.Device)).ToList())
            {
                CanHoldVip = aspects.VirtualIp is not null && StatusAspects.CanHoldVip(h),
            }).ToList(),
            aspects.VirtualIp);
    }

    public static ScenarioReport Scenario(ScenarioResult result, Language language, IReadOnlyList<StateSample> samples)
    {
        var scenario = result.Scenario;
        var outcome = result.NotRun ? ScenarioOutcome.NotRun : result.Passed ? ScenarioOutcome.Passed : ScenarioOutcome.Failed;
        var origins = Origins(result);
        var stages = new List<StageReport>();
        for (var i = 0; i < scenario.Stages.Count; i++)
        {
            var stage = scenario.Stages[i];
            stages.Add(new StageReport(i + 1, stage.Title.In(language), stage.Explain.In(language),
                result.Steps.Where(s => s.Stage == i).Select(s => Step(s, origins.GetValueOrDefault(s))).ToList()));
        }
        var cleanUp = result.Steps.Where(s => s.Stage >= scenario.Stages.Count).Select(s => Step(s, null)).ToList();
        if (cleanUp.Count > 0) stages.Add(new StageReport(scenario.Stages.Count + 1, "", "", cleanUp, IsCleanUp: true));
        var end = result.Duration;
        return new ScenarioReport(scenario.Name, scenario.Title.In(language), scenario.Explain.In(language), outcome, end, result.Error,
            result.NotRunReason, stages, Tracks(samples, end), Writes(result, origins));
    }

    /// <summary>
    /// Which action or expectation of the scenario each step is: a stage runs its actions, then its expectations, in order,
    /// stopping at the first failure (the final stage runs them all); clean-up steps come after the last stage and have none.
    /// </summary>
    internal static Dictionary<StepResult, object> Origins(ScenarioResult result)
    {
        var origins = new Dictionary<StepResult, object>(ReferenceEqualityComparer.Instance);
        foreach (var group in result.Steps.Where(s => s.Stage < result.Scenario.Stages.Count).GroupBy(s => s.Stage))
        {
            var stage = result.Scenario.Stages[group.Key];
            var sources = stage.Actions.Cast<object>().Concat(stage.Expectations).ToList();
            var index = 0;
            foreach (var step in group)
            {
                // Kinds keep the two lists apart even if a step was left out: an expectation never maps to an action.
                while (index < sources.Count && (sources[index] is Expectation) != (step.Kind == StepKind.Expectation)) index++;
                if (index < sources.Count) origins[step] = sources[index++];
            }
        }
        return origins;
    }

    private static StepReport Step(StepResult step, object? origin) => new(step.Kind, step.Description, step.Start, step.Duration, step.Passed, step.Detail,
        (origin as Expectation)?.Within, origin is WorkloadExpectation or LostUpdatesExpectation or StaleReadsExpectation);

    /// <summary>Each sampled row as segments: a state lasts from its sample to the next one (the last, to the scenario's end).</summary>
    internal static IReadOnlyList<StateTrack> Tracks(IReadOnlyList<StateSample> samples, TimeSpan end)
    {
        var inTime = samples.Where(s => s.At <= end).OrderBy(s => s.At).ToList();
        var names = inTime.SelectMany(s => s.States.Keys).Distinct().OrderBy(n => n == NodeStates.VipRow ? 1 : 0).ToList();
        var tracks = new List<StateTrack>();
        foreach (var name in names)
        {
            var segments = new List<StateSegment>();
            for (var i = 0; i < inTime.Count; i++)
            {
                if (!inTime[i].States.TryGetValue(name, out var state)) continue;
                var to = i + 1 < inTime.Count ? inTime[i + 1].At : end;
                if (segments.Count > 0 && segments[^1].State == state && segments[^1].To == inTime[i].At)
                    segments[^1] = segments[^1] with { To = to };
                else
                    segments.Add(new StateSegment(inTime[i].At, to, state));
            }
            tracks.Add(new StateTrack(name, name == NodeStates.VipRow, segments));
        }
        return tracks;
    }

    /// <summary>
    /// The writer's records moved onto the scenario's clock: it starts counting when its `workload: start` action ends
    /// (after creating its table), so that action's end is its zero.
    /// </summary>
    internal static WritesReport? Writes(ScenarioResult result, IReadOnlyDictionary<StepResult, object> origins)
    {
        if (result.Workload is not { Writes.Count: > 0 } workload) return null;
        var startStep = result.Steps.FirstOrDefault(s => origins.GetValueOrDefault(s) is WorkloadAction { Start: true });
        var zero = startStep?.End() ?? TimeSpan.Zero;
        var acks = workload.Writes.Where(w => w.Outcome == WriteOutcome.Ok).Select(w => w.Finished).Order().ToList();
        var gaps = acks.Zip(acks.Skip(1), (a, b) => new WriteGap(zero + a, zero + b)).Where(g => g.Length >= WritesReport.GapThreshold).ToList();
        return new WritesReport(startStep is { } s && origins[s] is WorkloadAction w ? w.Through : "",
            zero + workload.Writes.Min(w => w.Started), zero + workload.Writes.Max(w => w.Finished), workload.Ok, workload.Failed, workload.Unknown,
            workload.LongestInterruption, gaps, workload.Writes.Where(w => w.Outcome != WriteOutcome.Ok).Select(w => zero + w.Finished).ToList());
    }

    private static TimeSpan End(this StepResult step) => step.Start + step.Duration;
}
