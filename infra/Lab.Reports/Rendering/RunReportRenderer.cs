using System.Globalization;
using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Reports.Html;
using Lab.Reports.Model;
using H = Lab.Reports.Html.Html;

namespace Lab.Reports.Rendering;

/// <summary>The run report's page: a header, the summary table, the topology, then one section per scenario.</summary>
public static class RunReportRenderer
{
    public static string Render(RunReport report)
    {
        var lang = report.Language;
        var page = new HtmlPage(lang, ReportText.DocumentTitle.In(lang, report.Lab)).WithStyles(TopologySvg.Css + TimelineSvg.Css + StateStyle.Css + Css);
        return page.Render(H.Join(
            H.Element("header",
                H.Element("h1", $"{report.Lab}: {report.LabTitle}"),
                H.Element("p", [("class", "muted")], $"{ReportText.InstanceOn.In(lang, report.Instance, report.Target)} · " +
                    ReportText.Generated.In(lang, report.Generated.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))),
            H.Element("h2", ReportText.Summary.In(lang)),
            H.Element("p", H.Join(Badge(ScenarioOutcome.Passed, EngineText.Run.CountPassed.In(lang, report.Passed)), " ",
                report.Failed > 0 ? Badge(ScenarioOutcome.Failed, EngineText.Run.CountFailed.In(lang, report.Failed)) : H.Empty, " ",
                report.NotRun > 0 ? Badge(ScenarioOutcome.NotRun, EngineText.Run.CountNotRun.In(lang, report.NotRun)) : H.Empty)),
            SummaryTable(report),
            H.Element("section", [("class", "topology-section")], H.Element("h2", ReportText.Topology.In(lang)), TopologySvg.Render(report.Topology, lang)),
            H.Element("h2", ReportText.Scenarios.In(lang)),
            H.Join(report.Scenarios.Select(s => Scenario(s, lang)))));
    }

    private static H SummaryTable(RunReport report)
    {
        var lang = report.Language;
        return H.Element("table", [("class", "summary")],
            H.Element("tr", H.Element("th", ReportText.ColumnScenario.In(lang)), H.Element("th", ReportText.ColumnResult.In(lang)),
                H.Element("th", [("class", "num")], ReportText.ColumnTook.In(lang)), H.Element("th", [("class", "num")], ReportText.ColumnLongestInterruption.In(lang))),
            H.Join(report.Scenarios.Select(s => H.Element("tr",
                H.Element("td", H.Element("a", [("href", "#scenario-" + s.Name)], H.Element("code", s.Name)), " ", H.Element("span", [("class", "muted")], s.Title)),
                H.Element("td", Badge(s.Outcome, OutcomeWord(s.Outcome, lang))),
                H.Element("td", [("class", "num")], s.Outcome == ScenarioOutcome.NotRun ? "—" : ReportText.Seconds.In(lang, s.Duration.TotalSeconds)),
                H.Element("td", [("class", "num")], s.Writes is { } w ? ReportText.Seconds.In(lang, w.Longest.TotalSeconds) : "—")))));
    }

    private static H Scenario(ScenarioReport s, Language lang)
    {
        var steps = s.Stages.SelectMany(x => x.Steps).ToList();
        var waiting = steps.Where(x => x.Kind == StepKind.Expectation).Sum(x => x.Duration.TotalSeconds);
        var acting = steps.Where(x => x.Kind == StepKind.Action).Sum(x => x.Duration.TotalSeconds);
        return H.Element("section", [("class", "scenario"), ("id", "scenario-" + s.Name), ("data-outcome", s.Outcome.ToString().ToLowerInvariant())],
            H.Element("h3", H.Element("code", s.Name), " ", Badge(s.Outcome, OutcomeWord(s.Outcome, lang)), " ", s.Title),
            s.Explain.Length > 0 ? H.Element("p", [("class", "explain")], s.Explain) : H.Empty,
            s.NotRunReason is { } why
                ? H.Element("div", [("class", "panel")], H.Element("strong", ReportText.NotRunWhy.In(lang)), H.Element("p", why))
                : H.Join(
                    H.Element("p", [("class", "muted")], ReportText.TookIn.In(lang, s.Duration.TotalSeconds, waiting, acting)),
                    H.Element("h4", ReportText.Timeline.In(lang)),
                    TimelineSvg.Render(s, lang),
                    Legend(s, lang),
                    s.Tracks.Count == 0 ? H.Element("p", [("class", "muted")], ReportText.NoSamples.In(lang)) : H.Empty,
                    Writes(s, lang),
                    Verdicts(s, lang),
                    s.Error is { } error ? H.Element("div", [("class", "panel error")], H.Element("strong", ReportText.Error.In(lang)), H.Element("pre", error)) : H.Empty,
                    H.Element("h4", ReportText.Steps.In(lang)),
                    StepsTable(s, lang)));
    }

    private static H Legend(ScenarioReport s, Language lang)
    {
        var states = s.Tracks.SelectMany(t => t.Segments.Select(x => x.State)).Distinct().ToList();
        // The VIP's holders are named in its bar: one entry stands for them all.
        var items = states.Select(st => (Class: StateStyle.Class(st.Condition),
                Label: st.Condition == NodeCondition.VipHeld ? ReportText.VipHeldBy.In(lang) : StateStyle.Label(st, lang)))
            .DistinctBy(i => i.Label).Select(i => Swatch(i.Class, i.Label)).ToList();
        if (s.Writes is not null)
        {
            items.Add(Swatch("writes-on", ReportText.AckedWrite.In(lang)));
            items.Add(Swatch("writes-gap", ReportText.GapLegend.In(lang)));
            if (s.Writes.NotAcknowledged.Count > 0) items.Add(Swatch("writes-failed", ReportText.NotAckedWrite.In(lang)));
        }
        if (items.Count == 0) return H.Empty;
        return H.Element("p", [("class", "legend")], H.Element("span", [("class", "muted")], ReportText.Legend.In(lang) + ": "), H.Join(items));
    }

    private static H Swatch(string cssClass, string label) =>
        H.Element("span", [("class", "swatch")], H.Element("svg", [("viewBox", "0 0 12 12"), ("width", "12"), ("height", "12")],
            H.Element("rect", [("width", "12"), ("height", "12"), ("rx", "2"), ("class", cssClass)])), label);

    private static H Writes(ScenarioReport s, Language lang)
    {
        if (s.Writes is not { } w) return H.Empty;
        return H.Element("div", [("class", "panel writes")],
            H.Element("strong", ReportText.ClientWrites.In(lang)),
            H.Element("p", ReportText.WriteCounts.In(lang, w.Ok + w.Failed + w.Unknown, w.Through, w.Ok, w.Failed, w.Unknown)),
            H.Element("p", ReportText.LongestInterruption.In(lang, w.Longest.TotalSeconds)),
            H.Element("p", ReportText.Interruptions.In(lang, WritesReport.GapThreshold.TotalSeconds), " ",
                w.Gaps.Count == 0 ? ReportText.NoInterruption.In(lang)
                    : H.Join(w.Gaps.Select((g, i) => H.Join(i > 0 ? "; " : H.Empty,
                        H.Element("span", [("class", "gap")], ReportText.Interruption.In(lang, g.From.TotalSeconds, g.To.TotalSeconds, g.Length.TotalSeconds)))))));
    }

    private static H Verdicts(ScenarioReport s, Language lang)
    {
        if (s.Verdicts.Count == 0) return H.Empty;
        return H.Element("div", [("class", "panel verdicts")],
            H.Element("strong", ReportText.Verdicts.In(lang)),
            H.Element("ul", H.Join(s.Verdicts.Select(v => H.Element("li",
                Badge(v.Passed ? ScenarioOutcome.Passed : ScenarioOutcome.Failed, v.Passed ? ReportText.StepPassed.In(lang) : ReportText.StepFailed.In(lang)), " ",
                v.Description, v.Detail is { Length: > 0 } d ? H.Element("div", [("class", "detail")], d) : H.Empty)))));
    }

    private static H StepsTable(ScenarioReport s, Language lang)
    {
        var rows = new List<H>
        {
            H.Element("tr", H.Element("th", [("class", "num")], ReportText.ColumnAt.In(lang)), H.Element("th", [("class", "num")], ReportText.ColumnWaited.In(lang)),
                H.Element("th", ReportText.ColumnResult.In(lang)), H.Element("th", ReportText.ColumnStep.In(lang))),
        };
        foreach (var stage in s.Stages)
        {
            var title = stage.IsCleanUp ? ReportText.CleanUp.In(lang) : $"{stage.Number}. {stage.Title}";
            rows.Add(H.Element("tr", [("class", "stage-head")], H.Element("td", [("colspan", "4")], H.Element("strong", title),
                stage.Explain.Length > 0 ? H.Element("div", [("class", "muted")], stage.Explain) : H.Empty,
                stage.Reached ? H.Empty : H.Element("div", [("class", "muted")], ReportText.NotReached.In(lang)))));
            foreach (var step in stage.Steps)
                rows.Add(H.Element("tr", [("class", step.Passed ? "step" : "step failed")],
                    H.Element("td", [("class", "num")], $"{step.Start.TotalSeconds:0.00}s".Replace(',', '.')),
                    H.Element("td", [("class", "num")], step.Kind == StepKind.Expectation
                        ? $"{Format(step.Duration)}{(step.Within is { } within ? " / " + Format(within) : "")}" : Format(step.Duration)),
                    H.Element("td", Badge(step.Passed ? ScenarioOutcome.Passed : ScenarioOutcome.Failed, step.Passed ? "✓" : "✗")),
                    H.Element("td", H.Element("span", [("class", "verb")], (step.Kind == StepKind.Action ? EngineText.Run.Do : EngineText.Run.Expect).In(lang)), " ",
                        step.Description, step.Detail is { Length: > 0 } d ? H.Element("div", [("class", step.Passed ? "detail" : "detail bad")], d) : H.Empty)));
        }
        return H.Element("table", [("class", "steps")], H.Join(rows));
    }

    private static string Format(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";

    private static string OutcomeWord(ScenarioOutcome outcome, Language lang) => outcome switch
    {
        ScenarioOutcome.Passed => EngineText.Run.Passed.In(lang),
        ScenarioOutcome.Failed => EngineText.Run.Failed.In(lang),
        _ => EngineText.Run.NotRun.In(lang),
    };

    private static H Badge(ScenarioOutcome outcome, string text) =>
        H.Element("span", [("class", "badge " + (outcome switch { ScenarioOutcome.Passed => "pass", ScenarioOutcome.Failed => "fail", _ => "skip" }))], text);

    private const string Css = """
        header { border-bottom: 3px solid #1c5d99; padding-bottom: 10px; margin-bottom: 8px; }
        .scenario { border: 1px solid #d9e2ec; border-radius: 10px; padding: 4px 20px 14px; margin: 18px 0; page-break-inside: avoid; }
        .scenario[data-outcome="failed"] { border-color: #ffa8a8; }
        .scenario h3 { font-size: 17px; color: #1f2933; } .scenario h3 code { font-size: 15px; color: #1c5d99; }
        h4 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #627d98; margin: 16px 0 4px; }
        .explain { max-width: 900px; }
        .legend { font-size: 12px; display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; }
        .swatch { display: inline-flex; align-items: center; gap: 5px; } .swatch svg { display: inline-block; }
        .steps td { font-size: 13px; } .steps .stage-head td { background: #f0f4f8; padding-top: 8px; }
        .steps .verb { display: inline-block; min-width: 3.2em; color: #627d98; font-size: 12px; }
        .detail { color: #616e7c; font-size: 12px; white-space: pre-wrap; word-break: break-word; } .detail.bad { color: #c92a2a; }
        .steps tr.failed td { background: #fff5f5; }
        .error pre { white-space: pre-wrap; color: #c92a2a; font-size: 12px; margin: 6px 0 0; }
        .verdicts ul { margin: 6px 0 0; padding-left: 18px; } .verdicts li { margin: 4px 0; }
        .gap { font-variant-numeric: tabular-nums; }
        a { color: #1c5d99; text-decoration: none; }
        @media print { body { padding: 0; } .scenario { border: none; } }
        """;
}
