using System.Globalization;
using System.Xml.Linq;

namespace Lab.Core.Scenarios;

/// <summary>
/// JUnit XML for CI: one test suite per scenario, one test case per stage, the timeline in system-out. A scenario that
/// was not run (these hosts cannot run it) has each stage skipped with the reason.
/// </summary>
public static class JUnitReport
{
    /// <summary>
    /// Writes the report as UTF-8 without a byte-order mark: some CI parsers (and `head`, `grep '^<?xml'`) trip over one,
    /// and XDocument.Save would write it.
    /// </summary>
    public static void Save(XDocument report, string file)
    {
        var settings = new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true };
        using var writer = System.Xml.XmlWriter.Create(file, settings);
        report.Save(writer);
    }

    public static XDocument Build(string lab, IReadOnlyList<ScenarioResult> results)
    {
        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        var suites = new XElement("testsuites", new XAttribute("name", $"lab {lab}"),
            new XAttribute("tests", results.Sum(r => r.Scenario.Stages.Count)),
            new XAttribute("failures", results.Count(r => r.Failed)),
            new XAttribute("time", Seconds(results.Aggregate(TimeSpan.Zero, (a, r) => a + r.Duration))));
        foreach (var r in results)
        {
            var suite = new XElement("testsuite", new XAttribute("name", r.Scenario.Name), new XAttribute("tests", r.Scenario.Stages.Count),
                new XAttribute("failures", r.Failed ? 1 : 0), new XAttribute("time", Seconds(r.Duration)));
            for (var i = 0; i < r.Scenario.Stages.Count; i++)
            {
                var stageSteps = r.Steps.Where(s => s.Stage == i).ToList();
                var testCase = new XElement("testcase", new XAttribute("classname", $"{lab}.{r.Scenario.Name}"),
                    new XAttribute("name", $"{i + 1:00} {r.Scenario.Stages[i].Title.En}"),
                    new XAttribute("time", Seconds(stageSteps.Aggregate(TimeSpan.Zero, (a, s) => a + s.Duration))));
                var failed = stageSteps.FirstOrDefault(s => !s.Passed);
                if (r.NotRunReason is { } why)
                    testCase.Add(new XElement("skipped", new XAttribute("message", $"not run: {why}")));
                else if (failed is not null)
                    testCase.Add(new XElement("failure", new XAttribute("message", failed.Description), failed.Detail ?? ""));
                else if (stageSteps.Count == 0 && r.Failed)
                    testCase.Add(new XElement("skipped", new XAttribute("message", "not reached: an earlier stage failed")));
                suite.Add(testCase);
            }
            suite.Add(new XAttribute("skipped", Skipped(suite)));
            suite.Add(new XElement("system-out", r.NotRunReason is { } reason ? $"not run: {reason}" : string.Join("\n", r.Steps.Select(s =>
                $"[{Seconds(s.Start)}s +{Seconds(s.Duration)}s] {(s.Passed ? "ok  " : "FAIL")} {s.Kind.ToString().ToLowerInvariant()}: {s.Description}{(s.Detail is null ? "" : " — " + s.Detail)}"))));
            suites.Add(suite);
        }
        suites.Add(new XAttribute("skipped", suites.Elements("testsuite").Sum(Skipped)));
        return new XDocument(suites);
    }

    private static int Skipped(XElement suite) => suite.Elements("testcase").Count(c => c.Element("skipped") is not null);
}
