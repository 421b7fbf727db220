using System.Text.RegularExpressions;

namespace Lab.Images;

/// <summary>The Debian mirror this machine's own apt uses: the only place debootstrap may fetch from.</summary>
public static partial class AptMirror
{
    public const string Fallback = "http://deb.debian.org/debian";

    [GeneratedRegex(@"^\s*URIs:\s*(\S+)", RegexOptions.Multiline)]
    private static partial Regex Deb822Uri();

    [GeneratedRegex(@"^\s*deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+\S+", RegexOptions.Multiline)]
    private static partial Regex OneLineUri();

    public static string Find(string aptDir = "/etc/apt")
    {
        var candidates = new List<string>();
        var list = Path.Combine(aptDir, "sources.list");
        if (File.Exists(list)) candidates.AddRange(OneLineUri().Matches(File.ReadAllText(list)).Select(m => m.Groups[1].Value));
        var dir = Path.Combine(aptDir, "sources.list.d");
        if (Directory.Exists(dir))
        {
            foreach (var f in Directory.GetFiles(dir, "*.sources").Order())
                candidates.AddRange(Deb822Uri().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value));
            foreach (var f in Directory.GetFiles(dir, "*.list").Order())
                candidates.AddRange(OneLineUri().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value));
        }
        // The main archive, not the security or third-party ones.
        return candidates.FirstOrDefault(u => u.TrimEnd('/').EndsWith("/debian", StringComparison.Ordinal)) ?? Fallback;
    }
}
