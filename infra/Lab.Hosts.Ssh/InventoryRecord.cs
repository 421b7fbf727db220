using System.Text.Json;
using Lab.Instances;

namespace Lab.Hosts.Ssh;

/// <summary>
/// Marks an instance as living on the ssh or machines target (target.json beside the local record), so every command
/// opens it through SSH, and says which inventory reaches its hosts.
/// </summary>
public sealed record TargetRecord(string Target, string Inventory)
{
    private const string FileName = "target.json";

    public static TargetRecord? TryLoad(LocalLayout layout, string instance)
    {
        var file = Path.Combine(layout.InstanceDir(instance), FileName);
        if (!File.Exists(file)) return null;
        try { return JsonSerializer.Deserialize<TargetRecord>(File.ReadAllText(file)); }
        catch (JsonException) { return null; }
    }

    public void Save(LocalLayout layout, string instance)
    {
        Directory.CreateDirectory(layout.InstanceDir(instance));
        File.WriteAllText(Path.Combine(layout.InstanceDir(instance), FileName), JsonSerializer.Serialize(this));
    }
}
