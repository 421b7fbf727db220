using System.Runtime.CompilerServices;
using Lab.Core.Instances;
using Lab.Core.Messages;

namespace Lab.Core.Scenarios;

/// <summary>One scenario's result and how long bringing the lab to its starting state took before it.</summary>
public sealed record SuiteEntry(ScenarioResult Result, TimeSpan Preparation);

/// <summary>
/// Runs scenarios one after another, each from a lab brought back to its starting state by a preparation the caller
/// chooses (heal a Galera cluster in place, or recreate the instance). A lab that cannot be prepared fails that
/// scenario with the reason, and the suite goes on. A scenario these hosts cannot run at all (see
/// <see cref="ScenarioPrerequisites"/>) is reported "not run" before any preparation. Lines are in <paramref name="language"/>.
/// </summary>
public sealed class ScenarioSuite(IScenarioObserver observer, TimeProvider clock, Language language = Language.En)
{
    /// <summary>Returns the instance to run on: the same one healed, or a new one.</summary>
    public delegate Task<LabInstance> Preparation(LabInstance current, CancellationToken ct);

    /// <summary>Yields each scenario's entry as it finishes, so an interrupted run still reports what did run.</summary>
    public async IAsyncEnumerable<SuiteEntry> RunAsync(LabInstance instance, IReadOnlyList<Scenario> scenarios, Preparation prepare,
        [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var scenario in scenarios)
        {
            if (await new ScenarioRunner(instance, observer, clock, language).NotRunAsync(scenario, ct) is { } notRun)
            {
                yield return new SuiteEntry(notRun, TimeSpan.Zero);
                continue;
            }
            var start = clock.GetTimestamp();
            string? failure = null; // a yield cannot stand inside a catch, so the reason is carried out of it
            try
            {
                instance = await prepare(instance, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                failure = e.Message;
            }
            var preparation = clock.GetElapsedTime(start);
            if (failure is not null)
            {
                observer.Note(EngineText.Run.NotPrepared.In(language, scenario.Name, failure));
                yield return new SuiteEntry(new ScenarioResult(scenario, [], TimeSpan.Zero, EngineText.Run.NotHealthy.In(language, failure)), preparation);
                continue;
            }
            yield return new SuiteEntry(await new ScenarioRunner(instance, observer, clock, language).RunAsync(scenario, ct), preparation);
        }
    }
}
