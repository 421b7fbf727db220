using System.Collections;
using System.Text.RegularExpressions;
using Lab.Core.Model;
using Lab.Core.Scenarios;

namespace Lab.Core.Messages;

/// <summary>
/// The English words of <see cref="EngineText"/> that its Korean never uses: output of a Korean run holding one of them
/// printed an engine line in English. Words the Korean keeps as they are (Primary, Synced, SST, SQL keywords, option
/// names such as --keep) are not among them. Derived from the catalogue, so a new message is checked without more work.
/// </summary>
public static partial class EnglishLeftovers
{
    // A word as the terminal shows it: letters, digits, '_' and '-' (kill-node1-ist is one word, not "kill"), dots only
    // inside (pc.bootstrap). Code in backquotes is one word: the "stop" of `workload: stop` is YAML, not English. A file
    // path is one word too: where the checkout lives (/check/work/...) is not the engine speaking.
    [GeneratedRegex(@"`[^`]*`|[\w.\-]*(?:/[\w.\-]+)+|[A-Za-z][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*")]
    private static partial Regex Word();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>Every English word the catalogue uses and its Korean does not (two letters or more).</summary>
    public static IReadOnlySet<string> Words { get; } = Build();

    /// <summary>The words of <paramref name="text"/> that are English engine words, each once, in order of appearance.</summary>
    public static IReadOnlyList<string> In(string text) => WordsOf(text).Where(Words.Contains).Distinct().ToList();

    /// <summary>
    /// Like <see cref="In(string)"/> for a run's output, after taking out what the scenario's author wrote (titles,
    /// explanations, SQL, host names, log lines to look for): that is the author's text, in whatever language they chose.
    /// </summary>
    public static IReadOnlyList<string> In(string output, Scenario scenario)
    {
        var text = Spaced(output);
        foreach (var authored in Authored(scenario).Select(Spaced).Where(a => a.Length >= 2).Distinct().OrderByDescending(a => a.Length))
            text = text.Replace(authored, " ", StringComparison.Ordinal);
        return In(text);
    }

    /// <summary>Everything the scenario file says: texts, and every value of its actions and expectations.</summary>
    public static IEnumerable<string> Authored(Scenario scenario)
    {
        IEnumerable<LocalizedText> texts = [scenario.Title, scenario.Explain, .. scenario.Stages.SelectMany(s => new[] { s.Title, s.Explain, s.Instructions, s.Hint })];
        foreach (var t in texts)
        {
            yield return t.En;
            if (t.Ko is { } ko) yield return ko;
        }
        foreach (var step in scenario.Stages.SelectMany(s => s.Actions.Cast<object>().Concat(s.Expectations)))
            foreach (var property in step.GetType().GetProperties().Where(p => p.Name != "EqualityContract"))
                foreach (var value in Values(property.GetValue(step)))
                    yield return value;
    }

    private static IEnumerable<string> Values(object? value) => value switch
    {
        null => [],
        string s => [s],
        IDictionary d => d.Keys.Cast<object>().Concat(d.Values.Cast<object>()).SelectMany(Values),
        IEnumerable e => e.Cast<object>().SelectMany(Values),
        // A value of the lab's own kind (a link impairment: "delay 100ms, loss 1%") is shown as the author wrote it.
        _ when value.GetType().Namespace?.StartsWith("Lab.", StringComparison.Ordinal) == true && !value.GetType().IsEnum => [value.ToString() ?? ""],
        _ => [],
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // Spectre wraps long lines at the terminal's width: compared with single spaces, a wrapped title is still the title.
    private static string Spaced(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>The words of a text, outside the catalogue's placeholders.</summary>
    public static IEnumerable<string> WordsOf(string text) =>
        Word().Matches(Placeholder().Replace(text, " ")).Select(m => m.Value.TrimEnd('-'));

    private static HashSet<string> Build()
    {
        var korean = EngineText.All.SelectMany(m => WordsOf(m.Message.Ko)).ToHashSet(StringComparer.Ordinal);
        return EngineText.All.SelectMany(m => WordsOf(m.Message.En))
            .Where(w => w.Length >= 2 && !korean.Contains(w))
            .ToHashSet(StringComparer.Ordinal);
    }
}
