using Lab.Core.Model;

namespace Lab.Instances;

/// <summary>
/// Picks the /24s for a new instance: the lab's own (the seed's 10.10.10.0/24) when free, else the next ones that are
/// all free, every network of the lab shifted by the same distance. Free means no other instance has it and nothing
/// on the machine routes or addresses it.
/// </summary>
public static class SubnetAllocator
{
    /// <returns>Where the first network goes (the others follow it; see LabDefinition.MovedTo).</returns>
    public static async Task<Ipv4Subnet> AllocateAsync(IReadOnlyList<Ipv4Subnet> preferred, IEnumerable<Ipv4Subnet> taken, CancellationToken ct)
    {
        var busy = taken.ToList();
        busy.AddRange(await MachineNetworksAsync(ct));
        for (uint k = 0; k < 240; k++)
        {
            var candidates = preferred.Select(p => new Ipv4Subnet(p.Network + (k << 8), p.PrefixLength)).ToList();
            if (candidates.Zip(preferred).Any(c => (c.First.Network >> 24) != (c.Second.Network >> 24))) break;
            if (!candidates.Any(c => busy.Any(b => b.Overlaps(c)))) return candidates[0];
        }
        throw new Lab.Core.Errors.LabException($"no free /24 subnet near {string.Join(", ", preferred)}: too many instances or routes");
    }

    /// <summary>Networks the root namespace already routes or holds addresses in (default routes excluded).</summary>
    internal static async Task<IEnumerable<Ipv4Subnet>> MachineNetworksAsync(CancellationToken ct)
    {
        var routes = await ProcessRunner.RequireAsync("ip", ["-4", "-o", "route", "show", "table", "all"], ct: ct);
        var addresses = await ProcessRunner.RequireAsync("ip", ["-4", "-o", "addr", "show"], ct: ct);
        var result = new List<Ipv4Subnet>();
        foreach (var line in routes.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var dest = words[0] is "unreachable" or "blackhole" or "prohibit" or "local" or "broadcast" ? words.ElementAtOrDefault(1) : words[0];
            if (dest is null or "default") continue;
            if (dest.StartsWith("127.", StringComparison.Ordinal)) continue;
            if (TryParse(dest, out var s)) result.Add(s);
        }
        foreach (var line in addresses.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var inet = Array.IndexOf(words, "inet");
            if (inet >= 0 && inet + 1 < words.Length && TryParse(words[inet + 1], out var s) && !words[inet + 1].StartsWith("127.", StringComparison.Ordinal))
                result.Add(s);
        }
        return result;
    }

    private static bool TryParse(string text, out Ipv4Subnet subnet)
    {
        subnet = default;
        var slash = text.IndexOf('/');
        var address = slash < 0 ? text : text[..slash];
        var prefix = slash < 0 ? 32 : int.Parse(text[(slash + 1)..]);
        if (!Ipv4Subnet.TryParseAddress(address, out var a)) return false;
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        subnet = new Ipv4Subnet(a & mask, prefix);
        return true;
    }
}
