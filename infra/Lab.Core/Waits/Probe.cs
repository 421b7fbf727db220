namespace Lab.Core.Waits;

/// <summary>One look at a condition: whether it holds, and what was seen (shown when the wait times out).</summary>
public sealed record ProbeResult(bool Satisfied, string Observed)
{
    public static ProbeResult Yes(string observed) => new(true, observed);
    public static ProbeResult No(string observed) => new(false, observed);
}

public delegate Task<ProbeResult> Probe(CancellationToken ct);
