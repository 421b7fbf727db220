using System.Globalization;
using System.Text.RegularExpressions;
using Lab.Core.Messages;

namespace Lab.Reports.Tests;

/// <summary>The report's own catalogue: English and Korean for every entry, the same arguments in each, and a Korean written in Hangul.</summary>
public sealed partial class ReportTextTests
{
    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"[\uAC00-\uD7A3]")]
    private static partial Regex Hangul();

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
        var expected = Enumerable.Range(0, message.Arity).ToHashSet();

        Assert.False(string.IsNullOrWhiteSpace(message.En), $"{name}: no English");
        Assert.False(string.IsNullOrWhiteSpace(message.Ko), $"{name}: no Korean");
        Assert.True(expected.SetEquals(Indices(message.En)), $"{name}: English uses {{{string.Join(",", Indices(message.En))}}}, arity {message.Arity}");
        Assert.True(expected.SetEquals(Indices(message.Ko)), $"{name}: Korean uses {{{string.Join(",", Indices(message.Ko))}}}, arity {message.Arity}");
        var args = Enumerable.Range(0, message.Arity).Select(i => (object)(i + 1.5)).ToArray();
        _ = string.Format(CultureInfo.InvariantCulture, message.En, args);
        _ = string.Format(CultureInfo.InvariantCulture, message.Ko, args);
        if (!Word().IsMatch(Placeholder().Replace(message.En, ""))) return;
        Assert.NotEqual(message.En, message.Ko);
        Assert.True(Hangul().IsMatch(message.Ko), $"{name}: the Korean has no Hangul: {message.Ko}");
    }

    private static HashSet<int> Indices(string format) =>
        Placeholder().Matches(format).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
}
