using System.Security.Cryptography;

namespace Lab.Core.Secrets;

/// <summary>
/// Per-instance passwords. Generated at `lab up`, stored 0600 by the target, never a fixed default.
/// </summary>
public sealed record LabSecrets(IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The accounts every MariaDB lab has: root (also remote, as in the seed), the health-check user, the client's user, replication.</summary>
    public static readonly string[] Names = ["root_password", "check_password", "app_password", "repl_password"];

    private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static LabSecrets Generate() =>
        new(Names.ToDictionary(n => n, _ => RandomNumberGenerator.GetString(Alphabet, 20)));

    /// <summary>Stand-ins used when showing files outside an instance (`lab render`): the real values exist only per instance.</summary>
    public static LabSecrets Placeholders() => new(Names.ToDictionary(n => n, n => $"<{n}: generated per instance>"));

    public string this[string name] => Values.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"no secret named '{name}'");
}
