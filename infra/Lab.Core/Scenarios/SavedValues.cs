using Lab.Core.Messages;

namespace Lab.Core.Scenarios;

/// <summary>The values a scenario run saved (`save` actions), by name; a later save of the same name replaces the value.</summary>
public sealed class SavedValues
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public void Set(string name, string value)
    {
        lock (_values) _values[name] = value;
    }

    /// <summary>The saved value; the loader makes sure a save comes first, so a missing one means its step never ran.</summary>
    public string Get(string name, Language language)
    {
        lock (_values)
            return _values.TryGetValue(name, out var value) ? value : throw new ScenarioStepException(EngineText.Values.NeverSaved.In(language, name));
    }
}
