using System.Text.RegularExpressions;

namespace Lab.Core.Loading;

/// <summary>
/// What a file's `owner` may be: a plain unix user name, optionally with a group. It reaches `chown` on every target
/// (inside a shell command line on the ssh targets), so nothing beyond a name can be let through.
/// </summary>
public static partial class FileOwnerRule
{
    public const string Expected = "a unix user name such as root, mysql or haproxy, optionally user:group " +
                                   "(lowercase letters, digits, '_' and '-', starting with a letter or '_')";

    [GeneratedRegex("^[a-z_][a-z0-9_-]*(:[a-z_][a-z0-9_-]*)?$")]
    private static partial Regex Pattern();

    public static bool IsValid(string owner) => Pattern().IsMatch(owner);
}
