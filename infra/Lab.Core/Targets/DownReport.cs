namespace Lab.Core.Targets;

/// <summary>What a target's `down` removed, in its own words ("5 processes", "its guard route 10.10.10.0/24", "the stack").</summary>
public sealed record DownReport(string Target, IReadOnlyList<string> Removed)
{
    public bool AnythingRemoved => Removed.Count > 0;

    public DownReport With(params string?[] more) => this with { Removed = [.. Removed, .. more.OfType<string>()] };

    public override string ToString() => AnythingRemoved ? string.Join(", ", Removed) : "nothing (already gone)";
}
