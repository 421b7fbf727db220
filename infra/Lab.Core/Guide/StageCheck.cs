using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Core.Waits;

namespace Lab.Core.Guide;

/// <summary>
/// A stage's expectations as one probe, in order: it holds when every one holds. Keeps what it saw last, so a hint can
/// say which expectation is not true yet and what the lab showed.
/// </summary>
public sealed class StageCheck(Stage stage, ExpectationProbes probes, Language language)
{
    private readonly IReadOnlyList<(Expectation Expectation, Probe Probe)> _checks = stage.Expectations.Select(e => (e, probes.For(e))).ToList();
    private volatile string _lastSeen = "";

    private int _looks;

    public string LastSeen => _lastSeen;

    /// <summary>True when the very first look already found everything true: the stage asked for nothing new.</summary>
    public bool HeldAtFirstLook { get; private set; }

    /// <summary>The longest `for:` of the stage's expectations: once all hold, they must stay so this long.</summary>
    public TimeSpan? Hold => stage.Expectations.Select(e => e.Hold).Where(h => h is not null).Max();

    public async Task<ProbeResult> ProbeAsync(CancellationToken ct)
    {
        var first = Interlocked.Increment(ref _looks) == 1;
        foreach (var (expectation, probe) in _checks)
        {
            ProbeResult result;
            try { result = await probe(ct); }
            catch (Exception e) when (e is not OperationCanceledException) { result = ProbeResult.No(e.Message); }
            if (result.Satisfied) continue;
            _lastSeen = $"{expectation.Describe(language)} — {result.Observed}";
            return ProbeResult.No(_lastSeen);
        }
        HeldAtFirstLook = first;
        _lastSeen = EngineText.Expectations.AllAsExpected.In(language);
        return ProbeResult.Yes(_lastSeen);
    }
}
