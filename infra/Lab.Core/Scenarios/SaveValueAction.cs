using Lab.Core.Messages;

namespace Lab.Core.Scenarios;

/// <summary>
/// `save: { as: NAME, on: HOST, status: VARIABLE }` or `query: SQL` (its first column of its first row): remembers
/// the value under <see cref="Name"/> for later `value` expectations of the same scenario run.
/// </summary>
public sealed record SaveValueAction(int Line, string Name, string Host, ValueSource Source) : ScenarioAction(Line)
{
    public override string Describe(Language language) => EngineText.Values.Save.In(language, Host, Source.Describe(language), Name);
}
