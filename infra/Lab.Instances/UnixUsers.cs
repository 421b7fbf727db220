namespace Lab.Instances;

/// <summary>Looks up users in /etc/passwd (the hosts share the machine's users: mysql, haproxy, root).</summary>
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
}
