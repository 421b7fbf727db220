namespace Lab.Core.Status.Health;

/// <summary>One thing the lab's health rule finds wrong: on which host, what (in a few words), and the command to run next.</summary>
/// <param name="About">Another host the problem is about (a replica's source, a server HAProxy marks down), or null.</param>
public sealed record HealthProblem(string Host, string What, string Next, string? About = null)
{
    /// <summary>The evidence, when longer than a few words: the client's error, the replica's Last_IO_Error.</summary>
    public string? Detail { get; init; }

    public bool Concerns(string host) => Host == host || About == host;

    public override string ToString() => $"{Host}: {What}" + (Detail is null ? "" : $" ({Detail})") + $"; next: {Next}";
}
