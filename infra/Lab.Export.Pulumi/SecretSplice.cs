using Lab.Core.Secrets;

namespace Lab.Export.Pulumi;

/// <summary>
/// Rendered files hold passwords, but a generated program must not. Files are rendered with one token per
/// secret; after the text is escaped for Pulumi, each token becomes a reference to the stack's
/// <c>random:RandomPassword</c> resource, so `pulumi up` writes the same bytes `lab render` shows with real passwords.
/// </summary>
public static class SecretSplice
{
    // Letters, digits and ':' only: nothing YAML, Pulumi or a shell would treat specially, and never a real password.
    public static string Token(string secretName) => $"LABSECRET:{secretName}:LABSECRET";

    public static LabSecrets Tokens() => new(LabSecrets.Names.ToDictionary(n => n, Token));

    /// <summary>The program's resource holding a secret: root_password -> root-password.</summary>
    public static string ResourceName(string secretName) => secretName.Replace('_', '-');

    /// <summary>Escapes <paramref name="text"/> for Pulumi interpolation and turns every token into <c>${name.result}</c>.</summary>
    public static string ToPulumi(string text)
    {
        var escaped = PulumiText.Escape(text);
        foreach (var name in LabSecrets.Names)
            escaped = escaped.Replace(Token(name), PulumiText.Of(ResourceName(name) + ".result"), StringComparison.Ordinal);
        return escaped;
    }
}
