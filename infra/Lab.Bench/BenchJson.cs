using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lab.Bench;

/// <summary>The benchmark's JSON: snake_case names, nulls kept (a skipped section reads as null, not as missing).</summary>
public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Serialize(BenchReport report) => JsonSerializer.Serialize(report, Options);

    public static void Write(BenchReport report, string file)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(file, Serialize(report) + "\n");
    }
}
