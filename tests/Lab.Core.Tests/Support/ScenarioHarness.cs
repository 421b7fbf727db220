using Lab.Core.Messages;
using Lab.Core.Scenarios;

namespace Lab.Core.Tests.Support;

/// <summary>The real ScenarioRunner on a <see cref="FakeLab"/>, on virtual time: parse inline YAML, run it, look at the fakes.</summary>
public sealed class ScenarioHarness
{
    /// <summary>The file name scenarios are parsed under; failure messages name it with the line.</summary>
    public const string File = "scenario.yaml";

    public ScenarioHarness(string lab)
    {
        Lab = FakeLab.Load(lab, Clock);
    }

    public ManualTimeProvider Clock { get; } = new();
    public FakeLab Lab { get; }
    public RecordingObserver Observer { get; } = new();

    /// <summary>The language the run speaks (`lab run --lang`).</summary>
    public Language Language { get; init; } = Language.En;

    public FakeHost this[string host] => Lab[host];

    public Scenario Parse(string yaml) => Lab.Loader.Parse(File, yaml);

    public Task<ScenarioResult> RunAsync(string yaml) => RunAsync(Parse(yaml));

    public Task<ScenarioResult> RunAsync(Scenario scenario) =>
        VirtualTime.RunAsync(Clock, () => new ScenarioRunner(Lab.Instance, Observer, Clock, Language).RunAsync(scenario, CancellationToken.None));

}
