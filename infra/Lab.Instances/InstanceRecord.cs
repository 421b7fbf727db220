using System.Text.Json;
using Lab.Core.Secrets;

namespace Lab.Instances;

/// <summary>What `up` writes before it creates anything, so `down` can find everything even after a crash.</summary>
/// <param name="Target">The target that owns the instance (local, machines, ssh, azure); null in records of older versions (local).</param>
/// <param name="GuardRoute">True when this instance adds the root namespace's `unreachable` route for its subnets, so only its own `down` removes them.</param>
/// <param name="Subnets">Every network's subnet (the first is <paramref name="Subnet"/>); null in records of single-network labs and older versions.</param>
public sealed record InstanceRecord(string Name, string Lab, string Subnet, DateTimeOffset CreatedUtc, int CreatorPid, IReadOnlyList<string> Hosts,
    string? Target = null, bool GuardRoute = false, IReadOnlyList<string>? Subnets = null)
{
    /// <summary>Every subnet the instance holds.</summary>
    public IReadOnlyList<string> AllSubnets => Subnets ?? [Subnet];

    public IReadOnlyList<global::Lab.Core.Model.Ipv4Subnet> ParsedSubnets =>
        AllSubnets.Select(s => global::Lab.Core.Model.Ipv4Subnet.TryParse(s, out var n) ? n : default).Where(n => n.PrefixLength > 0).ToList();

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
