using Lab.Core.Model;

namespace Lab.Hosts.Ssh.Inventory;

/// <summary>Checks that an inventory covers a lab, and finds the lab subnet its hosts really use.</summary>
public static class InventoryMatch
{
    /// <summary>The subnet of the hosts' lab addresses; every lab host must be listed at its address in that subnet.</summary>
    public static Ipv4Subnet SubnetFor(LabDefinition lab, SshInventory inventory)
    {
        if (inventory.Lab is { } named && named != lab.Name)
            throw new Lab.Core.Errors.LabInputException($"{inventory.SourceFile}: the inventory is for lab '{named}', not '{lab.Name}'");
        var missing = lab.Hosts.Where(h => !inventory.Hosts.ContainsKey(h.Name)).Select(h => h.Name).ToList();
        if (missing.Count > 0)
            throw new Lab.Core.Errors.LabInputException($"{inventory.SourceFile}: no entry for {string.Join(", ", missing)} (lab {lab.Name} has {string.Join(", ", lab.Hosts.Select(h => h.Name))})");
        var first = lab.Hosts[0];
        var firstAddress = inventory.Hosts[first.Name].EffectiveLabAddress;
        if (!Ipv4Subnet.TryParseAddress(firstAddress, out var a))
            throw new Lab.Core.Errors.LabInputException($"{inventory.SourceFile}: {first.Name}'s lab address '{firstAddress}' is not an IPv4 address; set labAddress to its address on the lab network");
        var subnet = new Ipv4Subnet(a & lab.Subnet.Mask, lab.Subnet.PrefixLength);
        var moved = lab.MovedTo(subnet);
        foreach (var h in moved.Hosts)
        {
            var listed = inventory.Hosts[h.Name].EffectiveLabAddress;
            if (listed != h.Address)
                throw new Lab.Core.Errors.LabInputException($"{inventory.SourceFile}: {h.Name} is at {listed} but lab {lab.Name} on {subnet} puts it at {h.Address}; set its labAddress (the address the other hosts reach it at)");
        }
        return subnet;
    }
}
