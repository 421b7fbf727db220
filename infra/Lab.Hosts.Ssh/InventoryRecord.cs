using System.Text.Json;
using Lab.Instances;

namespace Lab.Hosts.Ssh;

/// <summary>
/// Which inventory reaches an instance's hosts over SSH (inventory.json beside the instance record). Which target owns
/// the instance is the record's own business (<see cref="InstanceRecord.Target"/>), not repeated here.
/// </summary>
/// <param name="Pace">How much slower than native the hosts run (VMs under emulation); see <see cref="Lab.Core.Instances.LabInstance.Pace"/>.</param>
public sealed record InventoryRecord(string Inventory, double Pace = 1)
{
    private const string FileName = "inventory-record.json";

    public static InventoryRecord? TryLoad(LocalLayout layout, string instance)
    {
        var file = Path.Combine(layout.InstanceDir(instance), FileName);
        if (!File.Exists(file)) return null;
        try { return JsonSerializer.Deserialize<InventoryRecord>(File.ReadAllText(file)); }
        catch (JsonException) { return null; }
    }

    public void Save(LocalLayout layout, string instance)
    {
        Directory.CreateDirectory(layout.InstanceDir(instance));
        File.WriteAllText(Path.Combine(layout.InstanceDir(instance), FileName), JsonSerializer.Serialize(this));
    }
}
