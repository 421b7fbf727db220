using Lab.Core.Errors;
using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Scenarios;
using Lab.Core.Waits;

namespace Lab.Core.Checks;

/// <summary>
/// Grades an instance against its lab's check items: each item's expectations probed once through the scenario engine's
/// own probes (<see cref="ExpectationProbes"/>), never waited on; an item passes when all of them hold. Items only read
/// the lab, so they are looked at side by side.
/// </summary>
/// <param name="clock">What dates the report and bounds each look (the programs pass the system's; tests their own).</param>
public sealed class CheckRunner(LabInstance instance, Language language, TimeProvider clock)
{
    /// <summary>How long one item may take to answer: a look, not a wait (a host that hangs fails its item, not the check).</summary>
    public static readonly TimeSpan ItemTimeout = TimeSpan.FromSeconds(15);

    public async Task<CheckReport> RunAsync(IReadOnlyList<LabCheck> checks, CancellationToken ct)
    {
        var probes = new ExpectationProbes(new RunContext(instance), language);
        var items = await Task.WhenAll(checks.Select(c => GradeAsync(c, probes, ct)));
        return CheckReport.Of(instance.Lab.Name, instance.Name, clock.GetUtcNow(), items);
    }

    private async Task<CheckItemResult> GradeAsync(LabCheck check, ExpectationProbes probes, CancellationToken ct)
    {
        var seen = "";
        foreach (var expectation in check.Expect)
        {
            var result = await LookAsync(probes.For(expectation), ct);
            seen = Detail(result.Observed);
            // The first expectation that fails says what is wrong; the ones after it would only add noise.
            if (!result.Satisfied) return new CheckItemResult(check.Id, false, seen);
        }
        return new CheckItemResult(check.Id, true, seen);
    }

    /// <summary>Longer than this, an observation (a whole configuration dump) is cut: it points, the host holds the rest.</summary>
    public const int MaxDetail = 600;

    private string Detail(string observed)
    {
        var text = observed.Trim();
        if (text.Length == 0) return EngineText.Checks.NothingSeen.In(language);
        return text.Length > MaxDetail ? text[..MaxDetail] + "…" : text;
    }

    private async Task<ProbeResult> LookAsync(Probe probe, CancellationToken ct)
    {
        using var timer = new CancellationTokenSource(ItemTimeout * instance.Pace, clock);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct, timer.Token);
        try
        {
            return await probe(limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProbeResult.No(EngineText.Checks.NoAnswer.In(language, (ItemTimeout * instance.Pace).TotalSeconds));
        }
        catch (LabException e)
        {
            // A host that cannot be asked, a value that cannot be read: the item fails, saying why; the other items still count.
            return ProbeResult.No(e.Message.Split('\n')[0]);
        }
    }
}
