using Lab.Core.Messages;

namespace Lab.Core.Scenarios;

/// <summary>
/// `value`: a status variable or a query's first value on each host, compared with numbers or values saved earlier
/// (equal, different, greater, less, changed by exactly N since a save) and, with <see cref="Same"/>, the same on
/// every host (`same_on: [db1, db2, db3]`). Polled like every expectation.
/// </summary>
public sealed record ValueExpectation(int Line, TimeSpan Within, IReadOnlyList<string> Hosts, ValueSource Source, IReadOnlyList<ValueComparison> Comparisons,
    bool Same) : Expectation(Line, Within)
{
    public override string Describe(Language language) =>
        $"{string.Join(", ", Hosts)}: {Source.Describe(language)} " +
        string.Join(", ", Comparisons.Select(c => c.Describe(language)).Concat(Same ? [EngineText.Values.SameEverywhere.In(language)] : []));

    /// <summary>The saved values the expectation compares with, in order.</summary>
    public IEnumerable<string> SavedNames => Comparisons.Select(c => c.Operand.SavedName).OfType<string>().Distinct();
}
