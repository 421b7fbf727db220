using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Services;
using Lab.Core.Waits;

namespace Lab.Core.Keepalived;

/// <summary>
/// Which hosts hold the lab's virtual IP (the <c>vip</c> var), read from the interfaces of each host that can take it:
/// those running keepalived (VRRP) or Pacemaker (an IPaddr2 resource).
/// </summary>
public sealed class VirtualIp(LabInstance instance)
{
    public string Address => instance.Lab.Vars.TryGetValue("vip", out var vip) ? vip
        : throw new Lab.Core.Errors.LabInputException($"lab '{instance.Lab.Name}' has no 'vip' var: it has no virtual IP");

    public bool Exists => instance.Lab.Vars.ContainsKey("vip") && Candidates.Count > 0;

    private IReadOnlyList<ILabHost> Candidates =>
        [.. instance.HostsRunning(ServiceCatalog.Keepalived), .. instance.HostsRunning(ServiceCatalog.Pacemaker)];

    public async Task<IReadOnlyList<string>> HoldersAsync(CancellationToken ct)
    {
        var holders = new List<string>();
        foreach (var host in Candidates)
        {
            // A host whose machine is powered off holds nothing (and cannot be asked).
            if (instance.Power is { } power && !power.IsOn(host.Name)) continue;
            if (await HoldsAsync(host, ct)) holders.Add(host.Name);
        }
        return holders;
    }

    /// <summary>Whether the address is on <paramref name="host"/>'s eth0 now.</summary>
    public async Task<bool> HoldsAsync(ILabHost host, CancellationToken ct)
    {
        var r = await host.RunAsync("ip -4 -o addr show dev eth0", timeout: TimeSpan.FromSeconds(5), ct: ct);
        if (!r.Ok) throw new HostCommandException(host.Name, "ip addr", r);
        return r.Stdout.Contains($" {Address}/", StringComparison.Ordinal);
    }

    /// <summary>A probe that holds when exactly <paramref name="holder"/> has the VIP.</summary>
    public Probe HeldBy(string holder) => HeldByOneOf([holder]);

    /// <summary>A probe that holds when exactly one host has the VIP and it is one of <paramref name="allowed"/>.</summary>
    public Probe HeldByOneOf(IReadOnlyList<string> allowed, Messages.Language language = Messages.Language.En) => async ct =>
    {
        var holders = await HoldersAsync(ct);
        return new ProbeResult(holders.Count == 1 && allowed.Contains(holders[0]), Seen(holders, language));
    };

    /// <summary>
    /// A probe that holds when every one of <paramref name="expected"/> has the VIP at the same time and no other host
    /// does: two VRRP masters, each sure the other is gone.
    /// </summary>
    public Probe HeldByAll(IReadOnlyList<string> expected, Messages.Language language = Messages.Language.En) => async ct =>
    {
        var holders = await HoldersAsync(ct);
        return new ProbeResult(holders.Count == expected.Distinct().Count() && expected.All(holders.Contains), Seen(holders, language));
    };

    private string Seen(IReadOnlyList<string> holders, Messages.Language language) => holders.Count == 0
        ? Messages.EngineText.Expectations.NobodyHolds.In(language, Address)
        : Messages.EngineText.Expectations.HeldOn.In(language, Address, string.Join(", ", holders));
}
