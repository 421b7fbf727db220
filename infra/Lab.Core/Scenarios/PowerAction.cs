using Lab.Core.Messages;

namespace Lab.Core.Scenarios;

/// <summary>
/// Pulls the plug on the hosts' machines (<see cref="On"/> false: `power: { off: node1 }`) or boots them again
/// (`power: { on: node1 }`, returning once they answer). A machine powered off is powered on again when the scenario
/// ends, pass or fail.
/// </summary>
public sealed record PowerAction(int Line, IReadOnlyList<string> Hosts, bool On) : ScenarioAction(Line)
{
    public override string Describe(Language language) => (On ? EngineText.Actions.PowerOn : EngineText.Actions.PowerOff).In(language, string.Join(", ", Hosts));
}
