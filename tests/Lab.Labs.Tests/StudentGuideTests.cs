using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Labs.Tests.Support;

namespace Lab.Labs.Tests;

/// <summary>
/// The galera and replication student guides teach every scenario of their lab as a command a student can type, in
/// both languages, and each guide has its instructors' answer key next to it.
/// </summary>
public sealed class StudentGuideTests
{
    private static readonly LabCatalog Catalog = new(RepoRoot.Path);
    private static readonly string[] Languages = ["en", "ko"];

    public static TheoryData<string, string, string> ScenariosPerGuide()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var lab in new[] { "galera", "replication" })
            foreach (var scenario in new ScenarioLoader(Catalog.Load(lab)).Names)
                foreach (var language in Languages)
                    data.Add(lab, scenario, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(ScenariosPerGuide))]
    public void The_guide_names_each_scenario_as_a_lab_run_command(string lab, string scenario, string language)
    {
        var guide = Read(lab, $"GUIDE.{language}.md");

        Assert.True(guide.Contains($"lab run {lab} {scenario}", StringComparison.Ordinal),
            $"labs/{lab}/GUIDE.{language}.md never shows `lab run {lab} {scenario}`: add the scenario to its scenario table");
    }

    [Theory]
    [InlineData("galera", "en")]
    [InlineData("galera", "ko")]
    [InlineData("replication", "en")]
    [InlineData("replication", "ko")]
    public void The_guide_has_self_check_questions_answered_in_a_separate_key(string lab, string language)
    {
        var questions = CountNumberedItems(Read(lab, $"GUIDE.{language}.md"), language == "en" ? "## Check yourself" : "## 스스로 확인하기");
        var answers = CountNumberedItems(Read(lab, $"ANSWERS.{language}.md"), "# ");

        Assert.True(questions > 0, $"labs/{lab}/GUIDE.{language}.md has no numbered self-check questions");
        Assert.Equal(questions, answers);
    }

    private static string Read(string lab, string file)
    {
        var path = Path.Combine(Catalog.Load(lab).Directory, file);
        Assert.True(File.Exists(path), $"{path} is missing");
        return File.ReadAllText(path);
    }

    /// <summary>Top-level numbered items ("1. ", "12. ") after the first line starting with <paramref name="heading"/>.</summary>
    private static int CountNumberedItems(string markdown, string heading)
    {
        var lines = markdown.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        if (start < 0) return 0;
        return lines.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith("## ", StringComparison.Ordinal))
            .Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+\. "));
    }
}
