using System.Globalization;
using Lab.Core.Messages;

namespace Lab.Core.Scenarios;

/// <summary>What a `value` expectation's comparison is made against: a number written in the scenario, or a value saved earlier.</summary>
public sealed record ValueOperand(string? SavedName, decimal? Number)
{
    public static ValueOperand Saved(string name) => new(name, null);

    public static ValueOperand Of(decimal number) => new(null, number);

    public override string ToString() => SavedName is { } name ? $"'{name}'" : Number!.Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The operand's value in this run.</summary>
    public string Resolve(SavedValues saved, Language language) =>
        SavedName is { } name ? saved.Get(name, language) : Number!.Value.ToString(CultureInfo.InvariantCulture);

    public static bool TryNumber(string? text, out decimal value) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}

public enum ValueTest { Equal, Different, Greater, Less, ChangedBy }

/// <summary>
/// One test of a value against an operand. Equal and Different compare numbers as numbers (5 equals 5.0) and anything
/// else as exact text; Greater, Less and ChangedBy need numbers on both sides. <see cref="By"/> is ChangedBy's change.
/// </summary>
public sealed record ValueComparison(ValueTest Test, ValueOperand Operand, decimal By = 0)
{
    public string Describe(Language language) => Test switch
    {
        ValueTest.Equal => EngineText.Values.EqualTo.In(language, Operand.ToString()),
        ValueTest.Different => EngineText.Values.DifferentFrom.In(language, Operand.ToString()),
        ValueTest.Greater => EngineText.Values.GreaterThan.In(language, Operand.ToString()),
        ValueTest.Less => EngineText.Values.LessThan.In(language, Operand.ToString()),
        _ => EngineText.Values.ChangedBy.In(language, By, Operand.SavedName ?? Operand.ToString()),
    };

    public bool IsNumeric => Test is ValueTest.Greater or ValueTest.Less or ValueTest.ChangedBy;

    /// <summary>Null when <paramref name="actual"/> passes against the operand's value <paramref name="other"/>; else why not.</summary>
    public string? Problem(string actual, string other, Language language)
    {
        var numbers = ValueOperand.TryNumber(actual, out var a) & ValueOperand.TryNumber(other, out var b);
        if (IsNumeric && !numbers)
            return EngineText.Values.NotANumber.In(language, ValueOperand.TryNumber(actual, out _) ? other : actual);
        var pass = Test switch
        {
            ValueTest.Equal => Same(actual, other),
            ValueTest.Different => !Same(actual, other),
            ValueTest.Greater => a > b,
            ValueTest.Less => a < b,
            _ => a - b == By,
        };
        return pass ? null : Describe(language);
    }

    /// <summary>Two values read as the same: equal numbers, or else the same text.</summary>
    public static bool Same(string x, string y) =>
        ValueOperand.TryNumber(x, out var a) && ValueOperand.TryNumber(y, out var b) ? a == b : string.Equals(x, y, StringComparison.Ordinal);
}
