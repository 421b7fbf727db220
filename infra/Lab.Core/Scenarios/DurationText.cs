using System.Globalization;

namespace Lab.Core.Scenarios;

/// <summary>Durations as instructors write them: 500ms, 30s, 1.5s, 2m.</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        var (number, scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, double.NaN);
        if (double.IsNaN(scale) || !double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0) return false;
        value = TimeSpan.FromSeconds(n * scale);
        return true;
    }
}
