using System.Text.Json;
using Lab.Core.Secrets;

namespace Lab.Instances;

/// <summary>What `up` writes before it creates anything, so `down` can find everything even after a crash.</summary>
/// <param name="Target">The target that owns the instance (local, machines, ssh, azure); null in records of older versions (local).</param>
/// <param name="GuardRoute">True when this instance adds the root namespace's `unreachable` route for its subnet, so only its own `down` removes it.</param>
public sealed record InstanceRecord(string Name, string Lab, string Subnet, DateTimeOffset CreatedUtc, int CreatorPid, IReadOnlyList<string> Hosts,
    string? Target = null, bool GuardRoute = false)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static InstanceRecord? TryLoad(LocalLayout layout, string instance)
    {
        var file = layout.RecordFile(instance);
        if (!File.Exists(file)) return null;
        try { return JsonSerializer.Deserialize<InstanceRecord>(File.ReadAllText(file)); }
        catch (JsonException) { return null; }
    }

    /// <summary>Every instance on this machine; one whose record is missing (an interrupted `up`) is listed as incomplete.</summary>
    public static IReadOnlyList<InstanceRecord> List(LocalLayout layout) =>
        Reaper.ExistingInstances(layout).Select(i => TryLoad(layout, i) ?? new InstanceRecord(i, "?", "?", DateTimeOffset.MinValue, 0, [])).ToList();

    public void Save(LocalLayout layout)
    {
        Directory.CreateDirectory(layout.InstanceDir(Name));
        File.WriteAllText(layout.RecordFile(Name), JsonSerializer.Serialize(this, Json));
    }

    public static void SaveSecrets(LocalLayout layout, string instance, LabSecrets secrets)
    {
        var file = layout.SecretsFile(instance);
        // Created empty with 0600 first, so the passwords are never readable by others, not even briefly.
        using (File.Create(file)) { }
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(file, JsonSerializer.Serialize(secrets.Values, Json));
    }

    public static LabSecrets LoadSecrets(LocalLayout layout, string instance)
    {
        var file = layout.SecretsFile(instance);
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))
            ?? throw new Lab.Core.Errors.LabException($"{file} is empty");
        return new LabSecrets(values);
    }
}
