using System.Globalization;
using System.Text.RegularExpressions;

namespace Lab.Core.Galera;

/// <summary>Galera's saved state (grastate.dat) as students read it: uuid, seqno, safe_to_bootstrap.</summary>
public sealed partial record GraState(string Uuid, long Seqno, bool SafeToBootstrap)
{
    public const string Path = "/var/lib/mysql/grastate.dat";

    [GeneratedRegex(@"^\s*(uuid|seqno|safe_to_bootstrap)\s*:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex Field();

    public static GraState Parse(string text)
    {
        var fields = Field().Matches(text).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        return new GraState(
            fields.GetValueOrDefault("uuid", "00000000-0000-0000-0000-000000000000"),
            long.TryParse(fields.GetValueOrDefault("seqno"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var s) ? s : -1,
            fields.GetValueOrDefault("safe_to_bootstrap") == "1");
    }

    public string Render() =>
        $"# GALERA saved state\nversion: 2.1\nuuid:    {Uuid}\nseqno:   {Seqno}\nsafe_to_bootstrap: {(SafeToBootstrap ? 1 : 0)}\n";
}

/// <summary>
/// A saved primary view (gvwstate.dat, Galera's pc.recovery). When every member of a view finds the same view on
/// disk at start, they re-form that primary component together with no bootstrap and no state transfer. `lab up`
/// writes one for all nodes of a fresh cluster, which is why it needs neither galera_new_cluster nor an SST.
/// </summary>
public static class SavedPrimaryView
{
    public const string Path = "/var/lib/mysql/gvwstate.dat";

    /// <param name="memberIds">One node id (a UUID) per member, in the lab's order.</param>
    /// <param name="self">Index of the node the file is for.</param>
    public static string Render(IReadOnlyList<Guid> memberIds, int self)
    {
        var lines = new List<string>
        {
            $"my_uuid: {memberIds[self]}",
            "#vwbeg",
            // view type 3 = PRIMARY; the view id is the first member's id with sequence 1.
            $"view_id: 3 {memberIds[0]} 1",
            "bootstrap: 0",
        };
        lines.AddRange(memberIds.Select(id => $"member: {id} 0"));
        lines.Add("#vwend");
        return string.Join("\n", lines) + "\n";
    }
}
