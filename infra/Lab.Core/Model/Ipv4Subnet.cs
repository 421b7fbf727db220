using System.Net;
using System.Net.Sockets;

namespace Lab.Core.Model;

/// <summary>An IPv4 network such as 10.10.10.0/24.</summary>
public readonly record struct Ipv4Subnet(uint Network, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0 : uint.MaxValue << (32 - PrefixLength);

    public static bool TryParse(string text, out Ipv4Subnet subnet)
    {
        subnet = default;
        var slash = text.IndexOf('/');
        if (slash < 0 || !int.TryParse(text[(slash + 1)..], out var prefix) || prefix is < 8 or > 30) return false;
        if (!TryParseAddress(text[..slash], out var address)) return false;
        var candidate = new Ipv4Subnet(address, prefix);
        if ((address & candidate.Mask) != address) return false;
        subnet = candidate;
        return true;
    }

    public static bool TryParseAddress(string text, out uint address)
    {
        address = 0;
        if (!IPAddress.TryParse(text, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork || text.Count(c => c == '.') != 3)
            return false;
        var b = ip.GetAddressBytes();
        address = (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
        return true;
    }

    public static string Format(uint address) =>
        $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}";

    public bool Contains(uint address) => (address & Mask) == Network;

    /// <summary>True when the address is a usable host address (not the network or broadcast address).</summary>
    public bool IsHostAddress(uint address) => Contains(address) && address != Network && address != (Network | ~Mask);

    public bool Overlaps(Ipv4Subnet other)
    {
        var mask = PrefixLength < other.PrefixLength ? Mask : other.Mask;
        return (Network & mask) == (other.Network & mask);
    }

    /// <summary>Moves an address of this subnet to the same host offset in another subnet of the same size.</summary>
    public uint Translate(uint address, Ipv4Subnet to) => to.Network | (address & ~Mask);

    public string PrefixSuffix => $"/{PrefixLength}";

    public override string ToString() => $"{Format(Network)}/{PrefixLength}";
}
