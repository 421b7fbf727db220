using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Core.Scenarios.Sessions;

namespace Lab.Core.Guide;

/// <summary>
/// How the guide treats each action of a stage. The student does what a host shell can do (stop, start, SQL, edit a
/// file, bootstrap); the guide itself does what nothing typed there does but the stage needs in place first (a log
/// mark, a saved value, a cut or impaired link, a power switch); a client workload or a held SQL session cannot be
/// handed to a student, so a scenario with one is not guidable.
/// </summary>
public static class GuideSteps
{
    /// <summary>Done by the guide when the stage begins, before the student acts.</summary>
    public static bool IsGuides(ScenarioAction action) =>
        action is MarkLogAction or SaveValueAction or IsolateAction or ImpairAction or PowerAction;

    /// <summary>The student's part of the stage: what `s` (solve) does for them.</summary>
    public static IReadOnlyList<ScenarioAction> StudentActions(Stage stage) => stage.Actions.Where(a => !IsGuides(a)).ToList();

    /// <summary>Why the scenario cannot be guided, naming the stage and what it needs; null when it can.</summary>
    public static string? WhyNotGuidable(Scenario scenario, string lab, Language language)
    {
        for (var i = 0; i < scenario.Stages.Count; i++)
        {
            if (scenario.Stages[i].Finally) continue; // given back by the guide at the end, like `lab run` does
            foreach (var action in scenario.Stages[i].Actions)
            {
                var need = action switch
                {
                    WorkloadAction or IncrementsAction or StaleReadsAction or StopSafetyAction => EngineText.Guide.Workload,
                    SessionAction => EngineText.Guide.Session,
                    RemoveAcknowledgedWriteAction => EngineText.Guide.RemovedWrite,
                    _ => null,
                };
                if (need is not null) return EngineText.Guide.NotGuidable.In(language, scenario.Name, i + 1, need.In(language), $"{lab} {scenario.Name}");
            }
        }
        return null;
    }

    /// <summary>
    /// The hosts a student opens a shell on for this stage: those its own actions act on, in order. A crash is not typed
    /// inside the host (`lab kill db1` runs on the machine, as pulling a VM's plug would), so a kill names none.
    /// </summary>
    public static IReadOnlyList<string> HostsToOpen(Stage stage) => StudentActions(stage).SelectMany(a => a switch
    {
        ServiceAction { Verb: ServiceVerb.Kill } => [],
        ServiceAction s => s.Hosts,
        StartAction s => s.Hosts,
        SqlAction s => [s.Host],
        ShellAction s => [s.Host],
        EditFileAction s => [s.Host],
        ProviderOptionsAction s => [s.Host],
        BootstrapMostAdvancedAction s => s.Hosts,
        AttachAction s => [s.Host],
        PromoteAction s => [s.Host],
        PromoteMostAdvancedAction s => s.Hosts,
        _ => (IEnumerable<string>)[],
    }).Distinct().ToList();
}
