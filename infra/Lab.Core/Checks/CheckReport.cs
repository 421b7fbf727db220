using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lab.Core.Checks;

/// <summary>One graded item's outcome: <see cref="Detail"/> is what was seen (on a failure, what was wrong).</summary>
public sealed record CheckItemResult(string Id, bool Passed, string Detail);

/// <summary>
/// The last `lab check` of an instance, kept in its directory as check-result.json: what a class sheet reads to show
/// who got how far. <see cref="Percent"/> is rounded down, so only a lab with every item passed shows 100.
/// </summary>
public sealed record CheckReport(string Lab, string Instance, DateTimeOffset CheckedUtc, int Passed, int Total, int Percent, IReadOnlyList<CheckItemResult> Items)
{
    public const string FileName = "check-result.json";

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public static CheckReport Of(string lab, string instance, DateTimeOffset checkedUtc, IReadOnlyList<CheckItemResult> items)
    {
        var passed = items.Count(i => i.Passed);
        return new CheckReport(lab, instance, checkedUtc, passed, items.Count, items.Count == 0 ? 0 : passed * 100 / items.Count, items);
    }

    [JsonIgnore] public bool AllPassed => Passed == Total;

    /// <summary>Writes check-result.json in the instance directory; a reader never sees half a file (written aside, then renamed).</summary>
    public string Save(string instanceDir)
    {
        var path = Path.Combine(instanceDir, FileName);
        var aside = path + ".tmp";
        File.WriteAllText(aside, JsonSerializer.Serialize(this, Json));
        File.Move(aside, path, overwrite: true);
        return path;
    }

    /// <summary>The instance's last check, or null when it was never checked (or the file is not a check result).</summary>
    public static CheckReport? TryLoad(string instanceDir)
    {
        var path = Path.Combine(instanceDir, FileName);
        try { return File.Exists(path) ? JsonSerializer.Deserialize<CheckReport>(File.ReadAllText(path), Json) : null; }
        catch (JsonException) { return null; }
    }
}
