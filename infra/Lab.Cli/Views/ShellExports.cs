using System.Text;

namespace Lab.Cli.Views;

/// <summary>
/// `lab env`'s lines: `export NAME='value'` for POSIX shells, so `eval "$(lab env)"` gives a CI job or a test run
/// the lab's entry, each server, the app account and its password file, and never the password itself.
/// </summary>
internal static class ShellExports
{
    public static IReadOnlyList<string> Lines(LabAccess access)
    {
        var instance = access.Instance;
        var lines = new List<string>
        {
            Export("LAB_INSTANCE", instance.Name),
            Export("LAB_LAB", instance.Lab.Name),
            Export("LAB_TARGET", instance.Target),
        };
        if (access.Entry is { } entry)
        {
            if (entry.Published is null)
                lines.Add($"# the {instance.Target} target publishes nothing on 127.0.0.1: LAB_MYSQL_HOST is the lab's own address, reachable where the lab network is");
            var (host, port) = Reach(entry);
            lines.Add(Export("LAB_MYSQL_HOST", host));
            lines.Add(Export("LAB_MYSQL_PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            lines.Add(Export("LAB_MYSQL_USER", Lab.Instances.AppPasswordFile.User));
            if (access.PasswordFile is { } file) lines.Add(Export("LAB_MYSQL_PASSWORD_FILE", file));
        }
        foreach (var endpoint in access.Endpoints)
        {
            var prefix = "LAB_" + VariablePart(endpoint.Lab.Name);
            var (host, port) = Reach(endpoint);
            lines.Add(Export(prefix + "_HOST", host));
            lines.Add(Export(prefix + "_PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            lines.Add(Export(prefix + "_ADDRESS", endpoint.Lab.Address)); // inside the lab, for commands run on its hosts
        }
        return lines;
    }

    /// <summary>Where a client on this machine connects: the published loopback port, else the lab address itself.</summary>
    private static (string Host, int Port) Reach(LabAccess.Endpoint e) =>
        e.Published is { } p ? (p.LocalAddress, p.LocalPort) : (e.Lab.Address, e.Lab.Port);

    /// <summary>A host name as part of a variable name: db1 → DB1, rs-1 → RS_1 (a shell name has letters, digits and _).</summary>
    public static string VariablePart(string name)
    {
        var b = new StringBuilder(name.Length);
        foreach (var c in name.ToUpperInvariant()) b.Append(c is >= 'A' and <= 'Z' or >= '0' and <= '9' ? c : '_');
        return b.ToString();
    }

    public static string Export(string name, string value) => $"export {name}={Quote(value)}";

    /// <summary>
    /// Single quotes keep every character as it is in sh (no $, `, \ or glob expansion); a quote inside is closed,
    /// escaped and reopened: it's → 'it'\''s'.
    /// </summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
