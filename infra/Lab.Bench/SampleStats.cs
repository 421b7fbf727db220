namespace Lab.Bench;

/// <summary>Median, min and max of repeated measurements (seconds or MiB), with the samples kept for the record.</summary>
public sealed record SampleStats(double Median, double Min, double Max, IReadOnlyList<double> Samples)
{
    public static SampleStats Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) throw new ArgumentException("no samples to summarise", nameof(values));
        var mid = sorted.Count / 2;
        // Even counts take the mean of the two middle values, the usual definition.
        var median = sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        return new SampleStats(Round(median), Round(sorted[0]), Round(sorted[^1]), sorted.Select(Round).ToList());
    }

    /// <summary>Null when nothing was measured (a skipped or failed section), so the JSON says null rather than 0.</summary>
    public static SampleStats? OfOrNull(IReadOnlyCollection<double> values) => values.Count == 0 ? null : Of(values);

    /// <summary>Milliseconds are the finest grain worth reporting; more digits are noise on a shared machine.</summary>
    internal static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    public override string ToString() =>
        Samples.Count == 1 ? $"{Median:0.00}" : $"{Median:0.00} (min {Min:0.00}, max {Max:0.00}, n={Samples.Count})";
}
