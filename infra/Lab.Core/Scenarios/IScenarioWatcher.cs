using Lab.Core.Instances;

namespace Lab.Core.Scenarios;

/// <summary>
/// An observer that also looks at the lab whenever the runner does: at each stage's start, after each step and at each
/// poll of an expectation (what the HTML report samples node states from). The runner adds no waits for it:
/// <see cref="Looking"/> must return at once and do its reading in the background.
/// </summary>
public interface IScenarioWatcher
{
    /// <param name="at">Time since the scenario started, on the runner's clock.</param>
    void Looking(LabInstance instance, TimeSpan at);
}
