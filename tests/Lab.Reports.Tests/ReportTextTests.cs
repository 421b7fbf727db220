using Lab.Tests.Shared;

namespace Lab.Reports.Tests;

/// <summary>The report's own catalogue: English and Korean for every entry, the same arguments in each, and a Korean written in Hangul.</summary>
public sealed class ReportTextTests
{
    public static TheoryData<string> Names => new(ReportText.All.Select(m => m.Name));

    [Fact]
    public void Given_the_catalogue_Then_it_is_read_whole()
    {
        Assert.True(ReportText.All.Count > 40, $"only {ReportText.All.Count} entries found");
        Assert.Contains(ReportText.All, m => m.Name == nameof(ReportText.Topology));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Given_an_entry_Then_both_languages_take_its_arguments_and_the_Korean_is_Hangul(string name)
    {
        var message = ReportText.All.Single(m => m.Name == name).Message;
        CatalogueAssert.UsesItsArgumentsAndRenders(name, message);
        CatalogueAssert.KoreanIsHangulWhereEnglishHasWords(name, message);
    }
}
