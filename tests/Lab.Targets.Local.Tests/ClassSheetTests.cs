using System.Reflection;
using Lab.Cli.Class;
using Lab.Core.Messages;
using Lab.Tests.Shared;

namespace Lab.Targets.Local.Tests;

/// <summary>The class sheet as HTML: a row per student, text escaped, and its words in both languages.</summary>
public sealed class ClassSheetTests
{
    private static readonly ClassSheet Sheet = new("db-2026", "galera", new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero),
    [
        new ClassSheetRow("minji", "kim", "minji", ClassSheet.Healthy, null, "kill-node1-ist 4/4 ✓", "12/12 100%"),
        new ClassSheetRow("seojun", "lee", "seojun", ClassSheet.NotHealthy, "db2: <Joiner> & size 2", "quorum-loss 1/5", null),
    ]);

    [Fact]
    public void Given_two_students_When_rendered_Then_each_has_a_row_with_their_health_and_the_problem_is_escaped()
    {
        var page = ClassSheetHtml.Render(Sheet, Language.En);
        Assert.Contains("<tr data-student=\"minji\" data-health=\"healthy\">", page);
        Assert.Contains("<tr data-student=\"seojun\" data-health=\"not healthy\">", page);
        Assert.Contains("db2: &lt;Joiner&gt; &amp; size 2", page);
        Assert.Contains("1 of 2 instances healthy", page);
        Assert.DoesNotContain("<script", page);
    }

    [Fact]
    public void Given_Korean_When_rendered_Then_the_headings_are_Korean()
    {
        var page = ClassSheetHtml.Render(Sheet, Language.Ko);
        Assert.Contains("<html lang=\"ko\">", page);
        Assert.Contains("<th>학생</th>", page);
        Assert.Contains("인스턴스 2개 중 1개 정상", page);
    }

    public static TheoryData<string> Words => new(typeof(ClassSheetText).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Words))]
    public void Every_word_of_the_sheet_has_English_and_Korean_with_the_same_arguments(string name)
    {
        var message = (IMessage)typeof(ClassSheetText).GetField(name)!.GetValue(null)!;
        CatalogueAssert.UsesItsArgumentsAndRenders(name, message);
        CatalogueAssert.KoreanIsHangulWhereEnglishHasWords(name, message);
    }
}
