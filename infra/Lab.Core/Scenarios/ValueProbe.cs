using Lab.Core.Hosts;
using Lab.Core.Messages;
using Lab.Core.Sql;
using Lab.Core.Waits;

namespace Lab.Core.Scenarios;

/// <summary>
/// One look for a <see cref="ValueExpectation"/>: reads the value on every host at once, then tests each against its
/// comparisons and, for `same_on`, against each other. What it saw names every value it compared with, and the change
/// from a saved number, so a failure shows both sides (`wsrep_replicated=7 ('before' was 5, a change of +2)`).
/// </summary>
public sealed class ValueProbe(RunContext context, Language language)
{
    public Probe For(ValueExpectation e) => async ct =>
    {
        var reads = await Task.WhenAll(e.Hosts.Select(async h =>
        {
            try { return (Host: h, Value: (string?)await e.Source.ReadAsync(context.Instance.Host(h), language, ct), Problem: (string?)null); }
            catch (Exception x) when (x is ValueUnreadableException or SqlException or HostCommandException) { return (Host: h, Value: null, Problem: x.Message); }
        }));
        var ok = reads.All(r => r.Value is not null);
        var lines = new List<string>();
        foreach (var (host, value, problem) in reads)
        {
            if (value is null) { lines.Add($"{host}: {problem}"); continue; }
            var notes = new List<string>();
            foreach (var comparison in e.Comparisons)
            {
                var other = comparison.Operand.Resolve(context.Saved, language);
                var why = comparison.Problem(value, other, language);
                ok &= why is null;
                if (comparison.Operand.SavedName is { } name) notes.Add(Compared(name, value, other));
                // The expected side is in the step's line; what is added here is what it was compared with, or why it could not be.
                if (why is not null && comparison.IsNumeric && !BothNumbers(value, other)) notes.Add(why);
            }
            lines.Add($"{host}: {e.Source.Label}={value}" + (notes.Count > 0 ? $" ({string.Join("; ", notes.Distinct())})" : ""));
        }
        var observed = string.Join("; ", lines);
        if (e.Same && reads.All(r => r.Value is not null) && reads.Select(r => r.Value!).Distinct(SameValue.Instance).Count() > 1)
        {
            ok = false;
            observed = EngineText.Values.NotTheSame.In(language, observed);
        }
        return new ProbeResult(ok, observed);
    };

    private string Compared(string name, string value, string saved) =>
        EngineText.Values.SavedWas.In(language, name, saved) +
        (ValueOperand.TryNumber(value, out var a) && ValueOperand.TryNumber(saved, out var b) ? ", " + EngineText.Values.Difference.In(language, a - b) : "");

    private static bool BothNumbers(string x, string y) => ValueOperand.TryNumber(x, out _) && ValueOperand.TryNumber(y, out _);

    private sealed class SameValue : IEqualityComparer<string>
    {
        public static readonly SameValue Instance = new();
        public bool Equals(string? x, string? y) => x is not null && y is not null && ValueComparison.Same(x, y);
        // Numbers that are equal must hash alike: 5 and 5.0 share decimal's hash.
        public int GetHashCode(string s) => ValueOperand.TryNumber(s, out var n) ? n.GetHashCode() : s.GetHashCode(StringComparison.Ordinal);
    }
}
