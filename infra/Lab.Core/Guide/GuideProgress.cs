using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lab.Core.Guide;

/// <summary>
/// How far a student got in `lab guide` on one instance: saved after every stage to <c>guide-progress.json</c> in the
/// instance's directory, so the guide resumes at the first unfinished stage and the class sheet can show where each
/// student is. <see cref="LogMarks"/> keeps where each host's log was marked, so a resumed stage reads the same lines.
/// </summary>
public sealed record GuideProgress(string Lab, string Scenario, string Instance, int StagesDone, int StagesTotal, bool Completed, DateTimeOffset UpdatedUtc,
    string Language)
{
    public const string FileName = "guide-progress.json";

    /// <summary>Byte offsets of host logs marked by the stages done so far (see <c>mark</c>), by host.</summary>
    public IReadOnlyDictionary<string, long> LogMarks { get; init; } = new Dictionary<string, long>();

    /// <summary>The stage (0-based) whose start set <see cref="LogMarks"/> last; -1 when none did.</summary>
    public int LogMarksStage { get; init; } = -1;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string PathIn(string instanceDir) => System.IO.Path.Combine(instanceDir, FileName);

    /// <summary>Writes the record atomically (a reader never sees half a file): a temporary file, then a rename.</summary>
    public void Save(string instanceDir)
    {
        Directory.CreateDirectory(instanceDir);
        var path = PathIn(instanceDir);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The saved progress, or null when there is none or it cannot be read (then the guide starts over and says so).</summary>
    public static GuideProgress? TryLoad(string instanceDir)
    {
        var path = PathIn(instanceDir);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<GuideProgress>(File.ReadAllText(path), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or NotSupportedException)
        {
            return null;
        }
    }
}
