namespace Lab.Core.Replication;

/// <summary>One MariaDB GTID: replication domain, the server that wrote it, and its sequence number in the domain.</summary>
public readonly record struct Gtid(uint Domain, uint Server, ulong Sequence)
{
    public override string ToString() => $"{Domain}-{Server}-{Sequence}";
}

/// <summary>
/// A GTID position such as <c>0-111-57</c> or <c>0-111-57,1-112-3</c> (the last GTID per domain), as found in
/// @@gtid_slave_pos, @@gtid_binlog_pos, @@gtid_current_pos and SHOW SLAVE STATUS's Gtid_IO_Pos.
/// </summary>
public sealed record GtidPosition(IReadOnlyDictionary<uint, Gtid> Domains)
{
    public static readonly GtidPosition Empty = new(new Dictionary<uint, Gtid>());

    public static GtidPosition Parse(string? text)
    {
        var domains = new Dictionary<uint, Gtid>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = part.Split('-');
            if (f.Length != 3 || !uint.TryParse(f[0], out var d) || !uint.TryParse(f[1], out var s) || !ulong.TryParse(f[2], out var n))
                throw new FormatException($"'{part}' is not a GTID (domain-server-sequence)");
            domains[d] = new Gtid(d, s, n);
        }
        return new GtidPosition(domains);
    }

    /// <summary>Sequence numbers summed over domains: which of several positions has seen the most.</summary>
    public ulong Total => Domains.Values.Aggregate(0UL, (a, g) => a + g.Sequence);

    /// <summary>How many transactions this position lacks compared with <paramref name="reference"/> (0 when level or ahead).</summary>
    public ulong Behind(GtidPosition reference) =>
        reference.Domains.Values.Aggregate(0UL, (sum, r) =>
        {
            var mine = Domains.TryGetValue(r.Domain, out var g) ? g.Sequence : 0;
            return sum + (r.Sequence > mine ? r.Sequence - mine : 0);
        });

    public override string ToString() => Domains.Count == 0 ? "(empty)" : string.Join(",", Domains.Values.OrderBy(g => g.Domain));
}
