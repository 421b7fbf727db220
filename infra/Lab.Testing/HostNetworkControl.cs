using Lab.Core.Hosts;

namespace Lab.Testing;

/// <summary>A host's network: cut it off the lab (the scenario action isolate), heal it, or impair its link (netem).</summary>
public sealed class HostNetworkControl
{
    private readonly string _host;
    private readonly FaultActions _faults;

    internal HostNetworkControl(string host, FaultActions faults) => (_host, _faults) = (host, faults);

    /// <summary>Drops all traffic between the host and the rest of the lab; the host keeps running (a partition).</summary>
    public Task CutAsync(CancellationToken ct = default) => _faults.IsolateAsync(_host, true, ct);

    /// <summary>Restores the traffic <see cref="CutAsync"/> dropped.</summary>
    public Task HealAsync(CancellationToken ct = default) => _faults.IsolateAsync(_host, false, ct);

    /// <summary>
    /// Delays, jitters, drops or rate-limits what the host sends on its lab link, replacing an earlier impairment. Throws
    /// <see cref="LabFeatureNotSupportedException"/> where the host's kernel has no netem (namespaces on a kernel
    /// without sch_netem), saying so and naming the target that has it.
    /// </summary>
    /// <param name="lossPercent">Share of packets dropped, 0 to 100.</param>
    /// <param name="rateBitsPerSecond">A bandwidth limit, e.g. 10_000_000 for 10 Mbit/s.</param>
    public Task ImpairAsync(TimeSpan? delay = null, double? lossPercent = null, TimeSpan? jitter = null, long? rateBitsPerSecond = null, CancellationToken ct = default)
    {
        if (delay is null && lossPercent is null && rateBitsPerSecond is null)
            throw new ArgumentException("give at least one of delay, lossPercent or rateBitsPerSecond");
        if (jitter is not null && delay is null) throw new ArgumentException("jitter varies a delay: give delay too", nameof(jitter));
        if (lossPercent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(lossPercent), lossPercent, "a percentage, 0 to 100");
        return _faults.ImpairAsync(_host, new LinkImpairment(delay, jitter, lossPercent, rateBitsPerSecond), ct);
    }

    /// <summary>Removes the impairment (nothing to remove is fine).</summary>
    public Task RestoreLinkAsync(CancellationToken ct = default) => _faults.ImpairAsync(_host, null, ct);
}
