namespace Lab.Core.Loading;

/// <summary>
/// What a path on a host (a file's path, a mount) may look like in a lab file: absolute and already normalised. A '..'
/// would let a file's path pass the "inside a mount" check and land outside it; '.', '//' or a trailing '/' make two
/// spellings of one path, which comparisons between mounts and files would treat as different.
/// </summary>
public static class HostPathRule
{
    public const string Expected = "an absolute, normalised path such as /etc/mysql/conf.d/a.cnf " +
                                   "(no '.' or '..' segments, no '//', no trailing '/'; letters, digits, '.', '_', '-', '+', '@')";

    /// <summary>Why <paramref name="path"/> is not acceptable, or null when it is.</summary>
    public static string? Problem(string path)
    {
        if (!path.StartsWith('/')) return "it is not absolute";
        if (path == "/") return null;
        if (path.EndsWith('/')) return "it ends with '/'";
        foreach (var segment in path[1..].Split('/'))
        {
            switch (segment)
            {
                case "": return "it has an empty segment ('//')";
                case ".": return "it has a '.' segment";
                case "..": return "it has a '..' segment";
            }
            if (segment.FirstOrDefault(c => !IsAllowed(c)) is var bad and not '\0')
                return char.IsControl(bad) || char.IsWhiteSpace(bad) ? $"it has a space or control character (U+{(int)bad:X4})" : $"it has the character '{bad}'";
        }
        return null;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '@';
}
