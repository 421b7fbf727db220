using System.Diagnostics;
using System.Text.RegularExpressions;
using Lab.Core.Messages;
using Lab.Reports;
using Lab.Reports.Tests.Browser;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// `lab run --html` on a real lab, opened in headless Chromium: haproxy-failover in English (a node down and back, the
/// client's writes, the verdicts) and no-primary-key in Korean (SQL only, about a second: the language is what it
/// checks), one after the other on the shared galera instance. Each page renders with no console line and shows the
/// expected parts; the screenshots are kept in out/test-results/.
/// </summary>
[Collection(GaleraLabCollection.Name)]
public sealed class HtmlReportTests(GaleraLabFixture lab, ITestOutputHelper output)
{
    [Fact]
    public async Task Given_runs_in_English_and_Korean_When_opened_in_Chromium_Then_they_render_the_topology_timelines_and_node_states()
    {
        Assert.True(HeadlessChromium.Installed, $"{HeadlessChromium.Binary} is missing: scripts/install-packages installs chromium");
        var results = Path.Combine(lab.Catalog.Root, "out", "test-results");
        Directory.CreateDirectory(results);
        var en = Path.Combine(results, "report-en.html");
        var ko = Path.Combine(results, "report-ko.html");
        var clock = Stopwatch.StartNew();

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(lab, "run", "galera", "haproxy-failover", "--html", en);
        Assert.True(exit == 0, $"exit {exit}:\n{stdout}\n{stderr}");
        Assert.Contains(ReportText.Written.In(Language.En, en), stdout);
        var enRun = clock.Elapsed;
        (exit, stdout, stderr) = await InProcessCli.RunAsync(lab, "run", "galera", "no-primary-key", "--lang", "ko", "--html", ko);
        Assert.True(exit == 0, $"exit {exit}:\n{stdout}\n{stderr}");
        Assert.Contains(ReportText.Written.In(Language.Ko, ko), stdout);
        var koRun = clock.Elapsed - enRun;

        var shot = Path.Combine(results, "report-screenshot.png");
        var shotKo = Path.Combine(results, "report-screenshot-ko.png");
        var (dom, console) = await HeadlessChromium.LoadAsync(en, shot);
        Assert.True(console.Count == 0, $"console lines in {en}:\n{string.Join("\n", console)}");
        Assert.Equal(lab.Lab.Hosts.Select(h => h.Name), Regex.Matches(dom, "<g class=\"host\" data-host=\"([^\"]+)\"").Select(m => m.Groups[1].Value));
        Assert.Single(Regex.Matches(dom, "<svg [^>]*class=\"timeline\""));
        foreach (var node in new[] { "db1", "db2", "db3" })
            Assert.Contains("st-synced", Row(dom, node));
        // db1 was killed and came back: the sampler saw it down between two Synced stretches.
        Assert.Matches("st-synced.*st-down.*st-synced", States(Row(dom, "db1")));
        Assert.Contains("class=\"writes-row\"", dom);
        Assert.Contains("class=\"writes-gap\"", dom);
        Assert.Contains(ReportText.Verdicts.In(Language.En), dom);

        var (domKo, consoleKo) = await HeadlessChromium.LoadAsync(ko, shotKo);
        Assert.True(consoleKo.Count == 0, $"console lines in {ko}:\n{string.Join("\n", consoleKo)}");
        Assert.Contains("<html lang=\"ko\">", domKo);
        foreach (var heading in new[] { ReportText.Summary, ReportText.Topology, ReportText.Scenarios })
            Assert.Contains($"<h2>{heading.In(Language.Ko)}</h2>", domKo);
        Assert.Contains($"<h4>{ReportText.Timeline.In(Language.Ko)}</h4>", domKo);
        Assert.Contains("st-synced", Row(domKo, "db1"));

        output.WriteLine($"screenshots: {shot} {shotKo}");
        output.WriteLine($"reports: {en} {ko}");
        output.WriteLine($"took {clock.Elapsed.TotalSeconds:0.0} s: English run {enRun.TotalSeconds:0.0} s, Korean run {koRun.TotalSeconds:0.0} s, " +
                         $"Chromium {(clock.Elapsed - enRun - koRun).TotalSeconds:0.0} s");
    }

    /// <summary>A node's row of the state chart, as the browser has it.</summary>
    private static string Row(string dom, string node)
    {
        var row = Regex.Match(dom, $"<g class=\"node-row\" data-row=\"{node}\">(.*?)</g>", RegexOptions.Singleline);
        Assert.True(row.Success, $"no state row for {node} in the page");
        return row.Groups[1].Value;
    }

    /// <summary>The row's segments' states in time order, e.g. "st-synced st-down st-synced".</summary>
    private static string States(string row) => string.Join(' ', Regex.Matches(row, "class=\"seg (st-[a-z]+)\"").Select(m => m.Groups[1].Value));
}
