namespace Lab.Export.Pulumi.Proof.Program;

/// <summary>
/// One <c>command:remote:Command</c>: where it connects (host, user, optional jump host as its <c>proxy</c>), the
/// <c>create</c> script and its <c>stdin</c>, and every resource it waits for (dependsOn and ${res.x} references).
/// Strings are as in the program: interpolations are resolved when the step runs.
/// </summary>
public sealed record CommandStep(string Name, string Host, string User, string? ProxyHost, string? ProxyUser, string Create, string? Stdin,
    IReadOnlyList<string> DependsOn);
