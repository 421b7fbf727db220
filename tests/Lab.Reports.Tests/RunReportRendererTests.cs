using System.Text.RegularExpressions;
using Lab.Core.Messages;
using Lab.Reports.Rendering;

namespace Lab.Reports.Tests;

/// <summary>The page made from a model: its parts, in the run's language, with nothing fetched from elsewhere.</summary>
public sealed class RunReportRendererTests
{
    [Fact]
    public void Given_a_run_Then_the_page_has_a_host_per_lab_host_a_timeline_per_scenario_and_a_row_per_node()
    {
        var html = RunReportRenderer.Render(SampleRun.Report(Language.En));

        Assert.Equal(5, Regex.Count(html, "<g class=\"host\" data-host="));
        Assert.Equal(1, Regex.Count(html, "<svg [^>]*class=\"timeline\""));
        foreach (var node in new[] { "db1", "db2", "db3" })
            Assert.Contains($"<g class=\"node-row\" data-row=\"{node}\"", html);
        Assert.Contains("class=\"writes-row\"", html);
        Assert.Contains(ReportText.Verdicts.In(Language.En), html);
        Assert.Contains("10.10.10.101", html);
        Assert.Contains(">Joiner<", html);
    }

    [Fact]
    public void Given_a_run_Then_nothing_in_the_page_points_elsewhere()
    {
        var html = RunReportRenderer.Render(SampleRun.Report(Language.En));

        // The only URL is SVG's namespace name, which is never fetched.
        var urls = Regex.Matches(html, @"(?:https?:)?//[^\s""'<>)]+").Select(m => m.Value).Distinct().ToList();
        Assert.Equal(["http://www.w3.org/2000/svg"], urls);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("url(", html);
    }

    [Fact]
    public void Given_lang_ko_Then_headings_are_Korean_and_the_page_says_so()
    {
        var html = RunReportRenderer.Render(SampleRun.Report(Language.Ko));

        Assert.Contains("<html lang=\"ko\">", html);
        Assert.Contains($"<h2>{ReportText.Topology.In(Language.Ko)}</h2>", html);
        Assert.Contains($"<h2>{ReportText.Scenarios.In(Language.Ko)}</h2>", html);
        Assert.Contains("db1이 죽었다 살아나는 동안", html); // the scenario's own Korean title
        Assert.Contains(ReportText.StateDown.In(Language.Ko), html);
        Assert.DoesNotContain(">Topology<", html);
    }

    [Fact]
    public void Given_a_failed_expectation_Then_its_stage_row_and_the_error_are_shown()
    {
        var html = RunReportRenderer.Render(SampleRun.Report(Language.En, lastStageFails: true));

        Assert.Contains("data-outcome=\"failed\"", html);
        Assert.Contains("<tr class=\"step failed\">", html);
        Assert.Contains("lost &lt;none&gt;", html);
    }

    [Fact]
    public void Given_the_failover_lab_Then_the_topology_draws_its_virtual_IP_under_the_hosts_that_can_take_it()
    {
        var topology = Model.RunReportBuilder.TopologyOf(Core.Loading.LabCatalog.Locate().Load("failover"));

        var svg = TopologySvg.Render(topology, Language.En).ToString();

        Assert.Contains(">" + ReportText.VirtualIp.In(Language.En, "10.10.10.110") + "<", svg);
        Assert.Equal(3, Regex.Count(svg, "class=\"vip-link\""));
        Assert.Equal(3, Regex.Count(svg, ">VIP<"));
    }

    [Fact]
    public void Given_the_VIP_moving_between_holders_Then_their_segments_alternate_shades_and_the_legend_names_none_of_them()
    {
        var scenario = Model.RunReportBuilder.Scenario(SampleRun.Result(), Language.En,
        [
            new(TimeSpan.Zero, new Dictionary<string, Model.NodeState> { ["VIP"] = new(Model.NodeCondition.VipHeld, "primary") }),
            new(TimeSpan.FromSeconds(4), new Dictionary<string, Model.NodeState> { ["VIP"] = new(Model.NodeCondition.VipHeld, "replica2") }),
        ]);
        var report = SampleRun.Report(Language.En) with { Scenarios = [scenario] };

        var html = RunReportRenderer.Render(report);

        Assert.Contains("<g class=\"vip-row\" data-row=\"VIP\">", html);
        Assert.Contains("class=\"seg st-vipheld\"", html);
        Assert.Contains("class=\"seg st-vipheld alt\"", html);
        Assert.Contains(ReportText.VipHeldBy.In(Language.En), html);
    }
}
