using System.Text;
using Lab.Core.Messages;
using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Reports.Model;
using Lab.Reports.Recording;
using Lab.Reports.Rendering;

namespace Lab.Reports;

/// <summary>`lab run --html FILE`: the run's results and sampled node states as one self-contained HTML file.</summary>
public static class HtmlReport
{
    public static async Task SaveAsync(string file, LabDefinition lab, string instance, string target, Language language,
        IReadOnlyList<ScenarioResult> results, RunRecorder recorder)
    {
        await recorder.FlushAsync();
        var report = RunReportBuilder.Build(lab, instance, target, language, results, recorder.SamplesOf, DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(file, RunReportRenderer.Render(report), new UTF8Encoding(false));
    }
}
