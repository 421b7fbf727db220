namespace Lab.Hosts.Ssh.Inventory;

/// <summary>
/// Every host of a lab and how to reach it (the shape `pulumi stack output inventory` prints), plus optional
/// connection settings shared by all hosts.
/// </summary>
/// <param name="Lab">The lab this inventory is for, when it says.</param>
/// <param name="Hosts">By host name.</param>
/// <param name="KnownHosts">A known_hosts file to use instead of the user's (host keys are then checked strictly).</param>
/// <param name="SourceFile">Where it was read from, for error messages.</param>
public sealed record SshInventory(string? Lab, IReadOnlyDictionary<string, InventoryHost> Hosts, string? KnownHosts, string SourceFile)
{
    public InventoryHost Host(string name) =>
        Hosts.TryGetValue(name, out var h) ? h
            : throw new Lab.Core.Errors.LabInputException($"{SourceFile}: no host '{name}' in the inventory; it lists: {string.Join(", ", Hosts.Keys)}");
}
