using Lab.Core.Loading;

namespace Lab.Core.Scenarios;

/// <summary>
/// Where a `finally: true` stage may stand: one, the last, after at least one ordinary stage. It runs after everything
/// else whatever happened, so anywhere but last it would read as running in an order it does not.
/// </summary>
public static class FinalStageRule
{
    public static void Check(IReadOnlyList<Stage> stages, YamlMap scenario)
    {
        for (var i = 0; i < stages.Count; i++)
        {
            if (!stages[i].Finally) continue;
            if (i != stages.Count - 1)
                throw new LabFileException(scenario.File, stages[i].Line,
                    "a stage with 'finally: true' runs after all the others, whatever happened: make it the scenario's last stage (one per scenario)");
            if (i == 0)
                throw new LabFileException(scenario.File, stages[i].Line,
                    "the scenario has only a final stage ('finally: true'); put what it checks in an ordinary stage before it");
        }
    }
}
