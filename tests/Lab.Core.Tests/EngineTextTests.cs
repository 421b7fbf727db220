using System.Globalization;
using Lab.Core.Messages;
using Lab.Tests.Shared;

namespace Lab.Core.Tests;

/// <summary>The engine's message catalogue: both languages for every message, the same arguments in each, and a Korean that is Korean.</summary>
public sealed class EngineTextTests
{
    public static TheoryData<string> Names => new(EngineText.All.Select(m => m.Name));

    private static IMessage Get(string name) => EngineText.All.Single(m => m.Name == name).Message;

    /// <summary>Messages whose Korean leaves out an argument on purpose (the bring-up step's English key), with that argument.</summary>
    private static readonly Dictionary<string, int> KoreanLeavesOut = new() { ["BringUp.StepDone"] = 0 };

    [Fact]
    public void Given_the_catalogue_Then_it_has_the_run_lines_and_no_name_twice()
    {
        var names = EngineText.All.Select(m => m.Name).ToList();

        Assert.True(names.Count > 100, $"only {names.Count} messages found: the catalogue's classes were not all read");
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("Run.Passed", names);
        Assert.Contains("BringUp.InstanceClaimed", names);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Given_a_message_Then_both_languages_use_exactly_its_arguments_and_render(string name) =>
        CatalogueAssert.UsesItsArgumentsAndRenders(name, Get(name), KoreanLeavesOut.TryGetValue(name, out var left) ? left : null);

    [Theory]
    [MemberData(nameof(Names))]
    public void Given_a_message_with_words_Then_its_Korean_differs_and_is_written_in_Hangul(string name) =>
        CatalogueAssert.KoreanIsHangulWhereEnglishHasWords(name, Get(name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Given_a_message_Then_its_English_is_caught_as_a_leftover_and_its_Korean_is_not(string name)
    {
        var message = Get(name);
        var args = Enumerable.Range(0, message.Arity).Select(i => (object)$"db{i + 1}").ToArray();
        var english = string.Format(CultureInfo.InvariantCulture, message.En, args);
        var korean = string.Format(CultureInfo.InvariantCulture, message.Ko, args);

        Assert.Empty(EnglishLeftovers.In(korean));
        // An English message escapes the check only when every word of it is one the Korean keeps (SQL, Galera's terms).
        var kept = EnglishLeftovers.WordsOf(message.En).Where(w => w.Length >= 2).ToList();
        if (EnglishLeftovers.In(english).Count == 0)
            Assert.True(kept.All(w => EnglishLeftovers.WordsOf(message.Ko).Contains(w)) || kept.Count == 0,
                $"{name}: '{english}' would pass for Korean, yet its words {string.Join(", ", kept)} are not all in its Korean '{message.Ko}'");
    }

    [Fact]
    public void Given_English_run_lines_Then_the_leftover_check_finds_them()
    {
        // Lines as an English run prints them: what a half-translated Korean run looked like before the catalogue.
        string[] lines =
        [
            "     ✓   0.62s + 0.05s do     mark the log of db1",
            "                          all as expected",
            "  passed kill-node1-ist in 17.9s (waiting on the database 16.0s, actions 1.8s)",
            "│ scenario       │ result │ seconds │ waiting on DB │ actions │",
            "1 passed, 0 failed",
            "[  8.74s] ✓ wait-synced: wait until db1, db2, db3 are Primary and Synced (cluster size 3) (0.30s)",
        ];

        Assert.All(lines, l => Assert.True(EnglishLeftovers.In(l).Count > 0, $"not caught: {l}"));
        Assert.Empty(EnglishLeftovers.In("     ✓   0.62s + 0.05s 실행 db1 로그 위치 표시; db2: wsrep_cluster_status=Primary wsrep_local_state_comment=Synced"));
        // Where the checkout lives is not the engine speaking (CI clones into /check/work/main).
        Assert.Empty(EnglishLeftovers.In("/check/work/main/labs/galera/scenarios/kill-node1-ist.yaml:46: 30초 안에 다음 상태가 되지 않음"));
    }

    [Fact]
    public void Given_a_language_code_Then_it_parses_and_an_unknown_one_is_refused_with_the_list()
    {
        Assert.Equal(Language.Ko, Languages.Parse("ko"));
        Assert.Equal(Language.En, Languages.Parse("en"));
        var e = Assert.Throws<Lab.Core.Errors.LabInputException>(() => Languages.Parse("fr"));
        Assert.Contains("'fr'", e.Message);
        Assert.Contains("en, ko", e.Message);
    }

}
