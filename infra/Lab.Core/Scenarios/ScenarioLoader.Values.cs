using System.Text.RegularExpressions;
using Lab.Core.Loading;

namespace Lab.Core.Scenarios;

/// <summary>
/// The loader's part for saved values (`save` actions, `value` expectations), counted log lines, a file's `lacks`,
/// per-action `timeout` and `start`'s `provider_options`.
/// </summary>
public sealed partial class ScenarioLoader
{
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex ValueName();

    private const string SaveShape = "{ as: NAME, on: HOST, status: VARIABLE } or { as: NAME, on: HOST, query: SQL }";

    /// <summary>An action with its optional `timeout:` (beside the action's kind, as `within:` is beside an expectation's).</summary>
    private ScenarioAction ReadTimedAction(YamlMap entry)
    {
        var action = ReadAction(entry);
        if (entry.OptionalString("timeout", "a duration such as 10s") is not { } text) return action;
        if (!DurationText.TryParse(text, out var timeout) || timeout <= TimeSpan.Zero)
            throw entry.Error(entry.Find("timeout")!, $"'timeout: {text}' must be a duration more than 0, e.g. 10s or 2m: how long the action may take");
        return action with { Timeout = timeout };
    }

    private SaveValueAction ReadSave(YamlMap entry, int line)
    {
        var body = entry.RequireMap("save", SaveShape);
        body.RejectUnknown("as", "on", "status", "query");
        var name = body.RequireString("as", "a name for the value, e.g. conflicts_before");
        if (!ValueName().IsMatch(name))
            throw body.Error(body.Find("as")!, $"'as: {name}' must be a name of letters, digits and _ that starts with a letter, e.g. conflicts_before");
        return new SaveValueAction(line, name, OneHost(body), ReadValueSource(body, SaveShape));
    }

    private static ValueSource ReadValueSource(YamlMap body, string shape)
    {
        var status = body.OptionalString("status", "a status variable such as wsrep_local_cert_failures");
        var query = body.OptionalString("query", "an SQL query whose first column of its first row is the value");
        if ((status is null) == (query is null)) throw body.Error($"give exactly one of 'status' or 'query': {shape}");
        return new ValueSource(status, query);
    }

    private const string ValueShape = "{ on: HOSTS, status: VARIABLE or query: SQL, then equals / differs_from / greater_than / less_than: SAVED_NAME or NUMBER, " +
                                      "increased_by: N with from: SAVED_NAME } or { same_on: [HOSTS], status or query }";

    private ValueExpectation ReadValue(YamlMap body, int line, TimeSpan within)
    {
        body.RejectUnknown("on", "same_on", "status", "query", "equals", "differs_from", "greater_than", "less_than", "increased_by", "from");
        if (body.Has("on") == body.Has("same_on")) throw body.Error($"give exactly one of 'on' or 'same_on': {ValueShape}");
        var same = body.Has("same_on");
        var hosts = Hosts(body, same ? "same_on" : "on");
        if (same && hosts.Distinct().Count() < 2) throw body.Error("'same_on' compares hosts with each other: name at least two, e.g. same_on: [db1, db2, db3]");
        var source = ReadValueSource(body, ValueShape);

        var comparisons = new List<ValueComparison>();
        foreach (var (key, test) in new[] { ("equals", ValueTest.Equal), ("differs_from", ValueTest.Different), ("greater_than", ValueTest.Greater), ("less_than", ValueTest.Less) })
            if (body.OptionalString(key, "the name of a value saved earlier, or a number") is { } text)
                comparisons.Add(new ValueComparison(test, Operand(body, key, text)));
        var increasedBy = body.OptionalString("increased_by", "a number, e.g. 1 (negative for a decrease)");
        var from = body.OptionalString("from", "the name of a value saved earlier");
        if (increasedBy is not null || from is not null)
        {
            if (increasedBy is null) throw body.Error("'from' goes with 'increased_by': e.g. increased_by: 1, from: conflicts_before");
            if (from is null) throw body.Error($"'increased_by: {increasedBy}' needs 'from': the name of the value saved before, e.g. from: conflicts_before");
            if (!ValueOperand.TryNumber(increasedBy, out var by))
                throw body.Error(body.Find("increased_by")!, $"'increased_by: {increasedBy}' must be a number, e.g. 1 (or -1 for a decrease, 0 for no change)");
            var operand = Operand(body, "from", from);
            if (operand.SavedName is null) throw body.Error(body.Find("from")!, $"'from: {from}' must name a value saved earlier, not a number");
            comparisons.Add(new ValueComparison(ValueTest.ChangedBy, operand, by));
        }
        if (comparisons.Count == 0 && !same)
            throw body.Error($"say what the value should be: equals, differs_from, greater_than, less_than, or increased_by with from; or use same_on. {ValueShape}");
        return new ValueExpectation(line, within, hosts, source, comparisons, same);
    }

    /// <summary>A number is itself; any other text names a saved value (checked against the saves before it, once the scenario is read).</summary>
    private static ValueOperand Operand(YamlMap body, string key, string text)
    {
        if (ValueOperand.TryNumber(text, out var number)) return ValueOperand.Of(number);
        if (!ValueName().IsMatch(text))
            throw body.Error(body.Find(key)!, $"'{key}: {text}' must be a number or the name of a value saved earlier; " +
                                              "to compare with a fixed text, use a status or query expectation (e.g. status: { on: db1, wsrep_cluster_status: Primary })");
        return ValueOperand.Saved(text);
    }

    /// <summary>Every compared value must be saved by an earlier step (or by an action of the same stage, which runs before its expectations).</summary>
    private static void CheckSavedBeforeUse(Scenario scenario, string file)
    {
        var saved = new List<string>();
        foreach (var stage in scenario.Stages)
        {
            saved.AddRange(stage.Actions.OfType<SaveValueAction>().Select(a => a.Name));
            foreach (var e in stage.Expectations.OfType<ValueExpectation>())
                foreach (var name in e.SavedNames.Where(n => !saved.Contains(n)))
                    throw new LabFileException(file, e.Line,
                        $"'{name}' is not saved before this expectation; save it in an earlier step, e.g. do: [ {{ save: {{ as: {name}, on: HOST, status: VARIABLE }} }} ]" +
                        (saved.Count > 0 ? $" (saved so far: {string.Join(", ", saved.Distinct())})" : " (nothing is saved before it)"));
        }
    }

    /// <summary>Galera options, "key=value;key=value": each given one replaces the lab's of the same key, the others stay.</summary>
    private string? ReadProviderOptions(YamlMap start, IReadOnlyList<string> hosts)
    {
        if (start.OptionalString("provider_options", "Galera provider options, e.g. \"gcache.size=1M;evs.suspect_timeout=PT2S\"") is not { } text) return null;
        if (hosts.FirstOrDefault(h => lab.FindHost(h)?.Runs(Services.ServiceCatalog.Galera) != true) is { } notGalera)
            throw start.Error(start.Find("provider_options")!, $"'provider_options' are Galera's: {notGalera} runs no Galera node " +
                                                               $"(Galera nodes of lab '{lab.Name}': {string.Join(", ", lab.Hosts.Where(x => x.Runs(Services.ServiceCatalog.Galera)).Select(x => x.Name))})");
        return ProviderOptionList.TryParse(text, out var options, out var problem)
            ? options.ToString()
            : throw start.Error(start.Find("provider_options")!, $"'provider_options: {text}': {problem}; write e.g. \"gcache.size=1M;evs.suspect_timeout=PT2S\"");
    }

    /// <summary>On the command line, --wsrep-provider-options replaces every option of the lab's configuration: it is refused in args.</summary>
    private static void RejectReplacingProviderOptions(YamlMap start, IReadOnlyList<string> args)
    {
        foreach (var arg in args)
            if (arg.StartsWith("--wsrep-provider-options", StringComparison.Ordinal) || arg.StartsWith("--wsrep_provider_options", StringComparison.Ordinal))
                throw start.Error(start.Find("args")!,
                    $"'{arg}' on the command line replaces all the lab's provider options (gcache.size and the rest); " +
                    $"write provider_options: \"{arg[(arg.IndexOf('=') + 1)..].Trim('"', '\'')}\" instead, which merges them into the lab's");
    }

    /// <summary>`count: { "IST received": 1 }`: each text's exact number of occurrences since the mark.</summary>
    private static IReadOnlyDictionary<string, int> ReadLogCounts(YamlMap body)
    {
        if (body.OptionalMap("count") is not { } count) return new Dictionary<string, int>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (text, value) in count.ScalarEntries())
            counts[text] = int.TryParse(value, out var n) && n >= 0 && text.Length > 0
                ? n
                : throw count.Error($"count: \"{text}\": {value} must be a number of occurrences, 0 or more, e.g. count: {{ \"IST received\": 1 }}");
        return counts.Count > 0 ? counts : throw count.Error("'count' needs a text and its number of occurrences, e.g. count: { \"IST received\": 1 }");
    }
}
