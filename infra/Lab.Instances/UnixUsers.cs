namespace Lab.Instances;

/// <summary>Looks up users and groups in /etc/passwd and /etc/group (the hosts share the machine's: mysql, haproxy, root).</summary>
public static class UnixUsers
{
    public static (int Uid, int Gid) Lookup(string user)
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var f = line.Split(':');
            if (f.Length > 3 && f[0] == user) return (int.Parse(f[2]), int.Parse(f[3]));
        }
        throw new Lab.Core.Errors.PreflightException($"user '{user}' does not exist on this machine; is the package that creates it installed?");
    }

    /// <summary>A lab file's owner as `chown` reads it: `user` (with the user's primary group) or `user:group`.</summary>
    public static (int Uid, int Gid) LookupOwner(string owner)
    {
        var parts = owner.Split(':', 2);
        var (uid, gid) = Lookup(parts[0]);
        return parts.Length == 1 ? (uid, gid) : (uid, LookupGroup(parts[1]));
    }

    private static int LookupGroup(string group)
    {
        foreach (var line in File.ReadLines("/etc/group"))
        {
            var f = line.Split(':');
            if (f.Length > 2 && f[0] == group) return int.Parse(f[2]);
        }
        throw new InvalidOperationException($"group '{group}' does not exist on this machine; is the package that creates it installed?");
    }
}
