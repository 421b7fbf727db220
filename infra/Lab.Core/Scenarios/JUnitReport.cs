using System.Globalization;
using System.Xml.Linq;

namespace Lab.Core.Scenarios;

/// <summary>JUnit XML for CI: one test suite per scenario, one test case per stage, the timeline in system-out.</summary>
public static class JUnitReport
{
    public static XDocument Build(string lab, IReadOnlyList<ScenarioResult> results)
    {
        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        var suites = new XElement("testsuites", new XAttribute("name", $"lab {lab}"),
            new XAttribute("tests", results.Sum(r => r.Scenario.Stages.Count)),
            new XAttribute("failures", results.Count(r => !r.Passed)),
            new XAttribute("time", Seconds(results.Aggregate(TimeSpan.Zero, (a, r) => a + r.Duration))));
        foreach (var r in results)
        {
            var suite = new XElement("testsuite", new XAttribute("name", r.Scenario.Name), new XAttribute("tests", r.Scenario.Stages.Count),
                new XAttribute("failures", r.Passed ? 0 : 1), new XAttribute("time", Seconds(r.Duration)));
            for (var i = 0; i < r.Scenario.Stages.Count; i++)
            {
                var stageSteps = r.Steps.Where(s => s.Stage == i).ToList();
                var testCase = new XElement("testcase", new XAttribute("classname", $"{lab}.{r.Scenario.Name}"),
                    new XAttribute("name", $"{i + 1:00} {r.Scenario.Stages[i].Title.En}"),
                    new XAttribute("time", Seconds(stageSteps.Aggregate(TimeSpan.Zero, (a, s) => a + s.Duration))));
                var failed = stageSteps.FirstOrDefault(s => !s.Passed);
                if (failed is not null)
                    testCase.Add(new XElement("failure", new XAttribute("message", failed.Description), failed.Detail ?? ""));
                else if (stageSteps.Count == 0 && !r.Passed)
                    testCase.Add(new XElement("skipped", new XAttribute("message", "not reached: an earlier stage failed")));
                suite.Add(testCase);
            }
            suite.Add(new XElement("system-out", string.Join("\n", r.Steps.Select(s =>
                $"[{Seconds(s.Start)}s +{Seconds(s.Duration)}s] {(s.Passed ? "ok  " : "FAIL")} {s.Kind.ToString().ToLowerInvariant()}: {s.Description}{(s.Detail is null ? "" : " — " + s.Detail)}"))));
            suites.Add(suite);
        }
        return new XDocument(suites);
    }
}
