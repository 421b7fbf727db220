using Lab.Core.Messages;
using Lab.Reports.Rendering;
using Lab.Reports.Tests.Browser;

namespace Lab.Reports.Tests;

/// <summary>
/// The console check the real-lab report test relies on (tests/Lab.Targets.Local.Tests/HtmlReportTests.cs), shown able
/// to fail, and a report made from a model rendered by Chromium without any console line.
/// </summary>
public sealed class BrowserRenderingTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("lab-report-test-");

    [Fact]
    public async Task Given_a_page_with_a_script_error_Then_the_console_check_reports_it()
    {
        Assert.True(HeadlessChromium.Installed, $"{HeadlessChromium.Binary} is missing: scripts/install-packages installs chromium");
        var page = Path.Combine(_dir.FullName, "broken.html");
        await File.WriteAllTextAsync(page, "<!DOCTYPE html><html><body><p id=\"shown\">x</p><script>notDefinedAnywhere();</script></body></html>");

        var (dom, console) = await HeadlessChromium.LoadAsync(page);

        Assert.Contains("id=\"shown\"", dom);
        Assert.Contains(console, l => l.Contains("Uncaught ReferenceError: notDefinedAnywhere is not defined", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_report_Then_chromium_renders_it_without_a_console_line()
    {
        Assert.True(HeadlessChromium.Installed, $"{HeadlessChromium.Binary} is missing: scripts/install-packages installs chromium");
        var page = Path.Combine(_dir.FullName, "report.html");
        await File.WriteAllTextAsync(page, RunReportRenderer.Render(SampleRun.Report(Language.Ko, lastStageFails: true)));

        var (dom, console) = await HeadlessChromium.LoadAsync(page);

        Assert.Empty(console);
        Assert.Contains("class=\"timeline\"", dom);
        Assert.Contains(ReportText.Topology.In(Language.Ko), dom);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
