using System.Globalization;
using System.Text.RegularExpressions;
using Lab.Core.Messages;
using Xunit;

namespace Lab.Tests.Shared;

/// <summary>
/// What every bilingual message catalogue must hold, checked one entry at a time: both languages present, the same
/// arguments in each, formats that render, and a Korean written in Hangul wherever the English has words.
/// Compiled into each test project that owns a catalogue (linked source, not a library, so no project depends on another's tests).
/// </summary>
internal static partial class CatalogueAssert
{
    [GeneratedRegex(@"\{(\d+)(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    // A word, not a unit: "s" after a number is a symbol like "%".
    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex Word();

    [GeneratedRegex(@"[\uAC00-\uD7A3]")]
    private static partial Regex Hangul();

    /// <param name="koreanLeavesOut">An argument the Korean omits on purpose, if any.</param>
    public static void UsesItsArgumentsAndRenders(string name, IMessage message, int? koreanLeavesOut = null)
    {
        var expected = Enumerable.Range(0, message.Arity).ToHashSet();
        Assert.False(string.IsNullOrWhiteSpace(message.En), $"{name}: no English");
        Assert.False(string.IsNullOrWhiteSpace(message.Ko), $"{name}: no Korean");
        Assert.True(expected.SetEquals(Indices(message.En)), $"{name}: the English uses {{{string.Join(",", Indices(message.En))}}}, the message takes {message.Arity} argument(s)");
        if (koreanLeavesOut is { } left) expected.Remove(left);
        Assert.True(expected.SetEquals(Indices(message.Ko)), $"{name}: the Korean uses {{{string.Join(",", Indices(message.Ko))}}}, the message takes {message.Arity} argument(s)");
        var args = Enumerable.Range(0, message.Arity).Select(i => (object)(i + 1.5)).ToArray();
        _ = string.Format(CultureInfo.InvariantCulture, message.En, args); // a stray brace throws here, not in a run
        _ = string.Format(CultureInfo.InvariantCulture, message.Ko, args);
    }

    public static void KoreanIsHangulWhereEnglishHasWords(string name, IMessage message)
    {
        if (!Word().IsMatch(Placeholder().Replace(message.En, ""))) return; // symbols, units and numbers only: the same in every language
        Assert.NotEqual(message.En, message.Ko);
        Assert.True(Hangul().IsMatch(message.Ko), $"{name}: the Korean has no Hangul: {message.Ko}");
    }

    private static HashSet<int> Indices(string format) =>
        Placeholder().Matches(format).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
}
