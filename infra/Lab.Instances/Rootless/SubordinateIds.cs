namespace Lab.Instances.Rootless;

/// <summary>
/// A user's subordinate ids (/etc/subuid, /etc/subgid: "name-or-uid:first:count"): the ids newuidmap lets the user map
/// into a user namespace besides its own, so mysql and haproxy can be users of their own there.
/// </summary>
public static class SubordinateIds
{
    /// <summary>What the labs need: the Debian service users (mysql, haproxy...) have ids below 1000, mapped to 1..count.</summary>
    public const int Needed = 65536;

    /// <summary>How many ids <paramref name="file"/> gives the user (by name or uid), over all its lines.</summary>
    public static long Count(string file, string user, int uid)
    {
        if (!File.Exists(file)) return 0;
        return File.ReadLines(file).Select(l => l.Split(':'))
            .Where(f => f.Length == 3 && (f[0] == user || f[0] == uid.ToString()) && long.TryParse(f[1], out _) && long.TryParse(f[2], out _))
            .Sum(f => long.Parse(f[2]));
    }
}
