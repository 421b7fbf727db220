namespace Lab.Instances.Rootless;

/// <summary>
/// Who owns the machine's directories that hosts mount over (/run/mysqld: mysql). Inside a user namespace every owner
/// but the user shows as "nobody", so a host's copy made there could not start with the package's owner; the command
/// outside, in the machine's namespace, reads them and hands them in (<see cref="Variable"/>: "path=uid:gid" lines).
/// The numbers stay valid inside: the holder maps the same ids (mysql is 102 on both sides of the map).
/// </summary>
public static class MachineOwners
{
    public const string Variable = "LAB_ROOTLESS_OWNERS";

    /// <summary>Outside: the owners of those of <paramref name="paths"/> that exist, in the variable's form.</summary>
    public static async Task<string> DescribeAsync(IEnumerable<string> paths, CancellationToken ct)
    {
        var existing = paths.Distinct(StringComparer.Ordinal).Where(Directory.Exists).ToList();
        if (existing.Count == 0) return "";
        var r = await ProcessRunner.RunAsync("stat", ["-c", "%n=%u:%g", "--", .. existing], ct: ct);
        return r.Stdout.Trim();
    }

    /// <summary>Inside: the machine's owner of <paramref name="path"/>, when the command outside handed it in.</summary>
    public static (int Uid, int Gid)? Of(string path)
    {
        var lines = Environment.GetEnvironmentVariable(Variable)?.Split('\n') ?? [];
        var line = lines.FirstOrDefault(l => l.StartsWith(path + "=", StringComparison.Ordinal));
        var ids = line?[(path.Length + 1)..].Split(':');
        return ids is [var u, var g] && int.TryParse(u, out var uid) && int.TryParse(g, out var gid) ? (uid, gid) : null;
    }
}
