using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Reports.Html;
using Lab.Reports.Model;
using H = Lab.Reports.Html.Html;

namespace Lab.Reports.Rendering;

/// <summary>
/// One scenario on a time axis: its stages, its actions (markers), its expectations (how long each waited, green or red),
/// one row per node coloured by its state over time, the virtual IP's holder, and the client's writes with their interruptions.
/// Every mark carries a tooltip with its text.
/// </summary>
internal static class TimelineSvg
{
    private const double Width = 1000, Left = 150, Right = 20, RowHeight = 24, RowGap = 8, Top = 10;

    public static H Render(ScenarioReport scenario, Language language)
    {
        var span = Math.Max(scenario.Duration.TotalSeconds, 0.5);
        var plot = Width - Left - Right;
        double X(TimeSpan t) => Left + Math.Clamp(t.TotalSeconds / span, 0, 1) * plot;
        double W(TimeSpan from, TimeSpan to) => Math.Max(X(to) - X(from), 1.5);
        var rows = new List<H>();
        var y = Top;

        H Row(string cssClass, string label, string? name, params H[] content)
        {
            var row = H.Element("g", [("class", cssClass), ("data-row", name)],
                [Svg.Rect(Left, y, plot, RowHeight, "row-bg"), Svg.Text(Left - 10, y + RowHeight / 2 + 4, label, "row-label", "end"), .. content]);
            y += RowHeight + RowGap;
            return row;
        }

        var stages = scenario.Stages.Where(s => s.Reached && !s.IsCleanUp).ToList();
        rows.Add(Row("stages-row", ReportText.StagesRow.In(language), null, [.. stages.Select((s, i) => H.Join(
            Svg.Rect(X(s.Start), y + 2, W(s.Start, s.End), RowHeight - 4, i % 2 == 0 ? "stage-a" : "stage-b", radius: 3, tooltip: $"{s.Number}. {s.Title}"),
            W(s.Start, s.End) >= 16 ? Svg.Text(X(s.Start) + W(s.Start, s.End) / 2, y + RowHeight / 2 + 4, s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), "stage-label", "middle") : H.Empty))]));

        var steps = scenario.Stages.SelectMany(s => s.Steps).ToList();
        rows.Add(Row("actions-row", ReportText.ActionsRow.In(language), null, [.. steps.Where(s => s.Kind == StepKind.Action).Select(s =>
        {
            var x = X(s.Start);
            var cy = y + RowHeight / 2;
            return Svg.Polygon([(x, cy - 7), (x + 6, cy), (x, cy + 7), (x - 6, cy)], s.Passed ? "action" : "action failed",
                $"{s.Start.TotalSeconds:0.00}s  {s.Description}");
        })]));
        rows.Add(Row("expectations-row", EngineText.Run.Expect.In(language), null, [.. steps.Where(s => s.Kind == StepKind.Expectation).Select(s =>
            Svg.Rect(X(s.Start), y + 5, W(s.Start, s.End), RowHeight - 10, s.Passed ? "expect-ok" : "expect-bad", radius: 2,
                tooltip: $"{s.Start.TotalSeconds:0.00}s +{s.Duration.TotalSeconds:0.00}s  {s.Description}"))]));

        foreach (var track in scenario.Tracks)
            rows.Add(Row(track.IsVip ? "vip-row" : "node-row", track.Name, track.Name, [.. track.Segments.Select((seg, i) =>
            {
                var label = StateStyle.Label(seg.State, language);
                var width = W(seg.From, seg.To);
                // The VIP moving from one holder to the next changes its shade, so two holders side by side stay apart.
                var shade = seg.State.Condition == NodeCondition.VipHeld && i % 2 == 1 ? " alt" : "";
                return H.Join(
                    Svg.Rect(X(seg.From), y + 2, width, RowHeight - 4, $"seg {StateStyle.Class(seg.State.Condition)}{shade}",
                        tooltip: $"{track.Name}: {label}  {seg.From.TotalSeconds:0.0}s → {seg.To.TotalSeconds:0.0}s"),
                    width >= label.Length * 7 + 8 ? Svg.Text(X(seg.From) + 5, y + RowHeight / 2 + 4, label,
                        StateStyle.IsLight(seg.State.Condition) ? "seg-label dark" : "seg-label") : H.Empty);
            })]));

        if (scenario.Writes is { } writes)
            rows.Add(Row("writes-row", ReportText.WritesRow.In(language), null, [
                Svg.Rect(X(writes.From), y + 8, W(writes.From, writes.To), RowHeight - 16, "writes-on", radius: 4,
                    tooltip: ReportText.WriteCounts.In(language, writes.Ok + writes.Failed + writes.Unknown, writes.Through, writes.Ok, writes.Failed, writes.Unknown)),
                .. writes.Gaps.Select(g => Svg.Rect(X(g.From), y + 3, W(g.From, g.To), RowHeight - 6, "writes-gap", radius: 2,
                    tooltip: ReportText.Interruption.In(language, g.From.TotalSeconds, g.To.TotalSeconds, g.Length.TotalSeconds))),
                .. writes.NotAcknowledged.Select(t => Svg.Rect(X(t) - 0.75, y + 2, 1.5, RowHeight - 4, "writes-failed")),
            ]));

        // The time axis: gridlines through every row, a label under each tick.
        var step = TickStep(span);
        var axis = new List<H>();
        for (var t = 0.0; t <= span + 1e-9; t += step)
        {
            var x = Left + t / span * plot;
            axis.Add(Svg.Line(x, Top, x, y - RowGap + 2, "grid"));
            axis.Add(Svg.Text(x, y + 12, t.ToString(step < 1 ? "0.#" : "0", System.Globalization.CultureInfo.InvariantCulture), "tick", "middle"));
        }
        axis.Add(Svg.Text(Left + plot / 2, y + 30, ReportText.TimeAxis.In(language), "axis-title", "middle"));
        var height = y + 40;
        return H.Element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", $"0 0 {Svg.N(Width)} {Svg.N(height)}"), ("class", "timeline"),
            ("role", "img"), ("aria-label", $"{ReportText.Timeline.In(language)}: {scenario.Name}"), ("data-scenario", scenario.Name)],
            [Svg.Group("axis", [.. axis]), .. rows]);
    }

    /// <summary>A round step giving about ten ticks.</summary>
    internal static double TickStep(double span)
    {
        foreach (var s in new[] { 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600 })
            if (span / s <= 12) return s;
        return Math.Ceiling(span / 12 / 600) * 600;
    }

    public const string Css = """
        .timeline { width: 100%; margin: 6px 0; }
        .row-bg { fill: #f8fafc; } .row-label { font-size: 12px; fill: #334e68; font-weight: 600; }
        .grid { stroke: #d9e2ec; stroke-width: 1; } .tick { font-size: 11px; fill: #616e7c; } .axis-title { font-size: 11px; fill: #829ab1; }
        .stage-a { fill: #d0ebff; } .stage-b { fill: #a5d8ff; } .stage-label { font-size: 11px; font-weight: 700; fill: #1c5d99; }
        .action { fill: #334e68; } .action.failed { fill: #c92a2a; }
        .expect-ok { fill: #8ce99a; stroke: #2f9e44; stroke-width: 1; } .expect-bad { fill: #ffa8a8; stroke: #c92a2a; stroke-width: 1; }
        .writes-on { fill: #b2f2bb; } .writes-gap { fill: #c92a2a; } .writes-failed { fill: #e8590c; }
        """;
}
