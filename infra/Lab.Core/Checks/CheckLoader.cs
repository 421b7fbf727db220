using System.Text.RegularExpressions;
using Lab.Core.Errors;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Scenarios;

namespace Lab.Core.Checks;

/// <summary>
/// Reads labs/&lt;lab&gt;/checks.yaml, the items `lab check` grades. Each item's `expect` is written exactly as a
/// scenario stage's (status, query, value, file, command, backend, ...), read by the scenario loader; what only makes
/// sense inside a run (waiting, holding, a writer, saved values) is refused. Every error names the file and line.
/// </summary>
public sealed partial class CheckLoader(LabDefinition lab)
{
    public const string FileName = "checks.yaml";

    public string File => Path.Combine(lab.Directory, FileName);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    public IReadOnlyList<LabCheck> Load()
    {
        if (!System.IO.File.Exists(File))
            throw new LabInputException($"lab '{lab.Name}' has no graded checks: {File} does not exist (lab check grades labs that have one, e.g. galera)");
        return Parse(File, System.IO.File.ReadAllText(File));
    }

    public IReadOnlyList<LabCheck> Parse(string file, string text)
    {
        var root = YamlDocument.Parse(file, text).Root;
        root.RejectUnknown("checks");
        var entries = root.OptionalList("checks");
        if (entries.Count == 0) throw root.Error("missing 'checks': expected a list of items, each with id, title, hint and expect");
        var scenarios = new ScenarioLoader(lab);
        var checks = new List<LabCheck>();
        foreach (var node in entries)
        {
            var item = root.AsMap(node, "a check item");
            item.RejectUnknown("id", "title", "hint", "expect");
            var id = item.RequireString("id", "a short name such as cluster-size");
            if (!IdPattern().IsMatch(id)) throw item.Error(item.Find("id")!, $"id '{id}' must be lower-case letters, digits and dashes, e.g. cluster-size");
            if (checks.FirstOrDefault(c => c.Id == id) is { } first) throw item.Error($"id '{id}' is used twice (first at line {first.Line})");
            var expect = item.OptionalList("expect").Select(n => ReadProbe(scenarios, item.AsMap(n, "an expectation"))).ToList();
            if (expect.Count == 0) throw item.Error($"check '{id}' needs 'expect': a list of scenario expectations (status, query, value, file, command, backend, ...)");
            checks.Add(new LabCheck(id, Bilingual(item, "title"), Bilingual(item, "hint"), expect, item.Line));
        }
        return checks;
    }

    private static Expectation ReadProbe(ScenarioLoader scenarios, YamlMap entry)
    {
        foreach (var key in new[] { "within", "for" })
            if (entry.Has(key)) throw entry.Error(entry.Find(key)!, $"'{key}' has no meaning in a check: an item is looked at once, right away");
        var expectation = scenarios.ReadExpectation(entry);
        return expectation switch
        {
            WorkloadExpectation or LostUpdatesExpectation or StaleReadsExpectation =>
                throw entry.Error("a check cannot grade a writer's results: there is no writer outside a scenario run"),
            ValueExpectation v when v.SavedNames.Any() =>
                throw entry.Error($"a check has no saved values to compare with ('{string.Join("', '", v.SavedNames)}'); compare with a number or use same_on"),
            _ => expectation,
        };
    }

    /// <summary>Titles and hints are shown in either language (`--lang`): both are required.</summary>
    private LocalizedText Bilingual(YamlMap item, string key)
    {
        var text = LabLoader.ReadText(item, key);
        if (string.IsNullOrWhiteSpace(text.En) || string.IsNullOrWhiteSpace(text.Ko))
            throw item.Error(item.Find(key) ?? item.Node, $"'{key}' needs both languages: {key}: {{ en: \"...\", ko: \"...\" }}");
        // Placeholders ({{hosts.db1.address}}) are filled with the instance's own addresses when shown: they must name something.
        if ((ScenarioText.Problem(text.En, lab) ?? ScenarioText.Problem(text.Ko!, lab)) is { } problem) throw item.Error(item.Find(key)!, problem);
        return text;
    }
}
