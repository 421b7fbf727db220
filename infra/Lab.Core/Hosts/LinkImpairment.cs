using System.Globalization;
using System.Text.RegularExpressions;

namespace Lab.Core.Hosts;

/// <summary>
/// What Linux netem does to what a host sends on its lab link (eth0): a fixed delay with optional jitter, a share of
/// packets lost, a rate limit. At least one is set; jitter only with a delay (netem varies the delay by it).
/// </summary>
public sealed partial record LinkImpairment(TimeSpan? Delay = null, TimeSpan? Jitter = null, double? LossPercent = null, long? RateBitsPerSecond = null)
{
    /// <summary>The arguments after `netem`, e.g. "delay 100ms 10ms loss 1% rate 10mbit".</summary>
    public string NetemArguments => string.Join(' ', Parts(jitterSign: ""));

    /// <summary>For people: "delay 100ms ± 10ms, loss 1%, rate 10mbit".</summary>
    public override string ToString() => string.Join(", ", Parts(jitterSign: "± "));

    private IEnumerable<string> Parts(string jitterSign)
    {
        if (Delay is { } d) yield return $"delay {Milliseconds(d)}" + (Jitter is { } j ? $" {jitterSign}{Milliseconds(j)}" : "");
        if (LossPercent is { } p) yield return $"loss {p.ToString("0.####", CultureInfo.InvariantCulture)}%";
        if (RateBitsPerSecond is { } r) yield return $"rate {FormatRate(r)}";
    }

    private static string Milliseconds(TimeSpan t) => t.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    /// <summary>A percentage as written in a scenario: "1%", "0.5%".</summary>
    public static bool TryParseLoss(string text, out double percent)
    {
        percent = 0;
        var m = Percent().Match(text.Trim());
        return m.Success && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out percent);
    }

    /// <summary>A rate in bits per second as tc writes it: "512kbit", "10mbit", "1gbit" (SI: 1kbit = 1000 bit/s).</summary>
    public static bool TryParseRate(string text, out long bitsPerSecond)
    {
        bitsPerSecond = 0;
        var m = Rate().Match(text.Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return false;
        var scale = m.Groups[2].Value.ToLowerInvariant() switch { "kbit" => 1e3, "mbit" => 1e6, "gbit" => 1e9, _ => 1.0 };
        var bits = n * scale;
        if (bits is < 1 or > 1e12) return false;
        bitsPerSecond = (long)Math.Round(bits);
        return true;
    }

    public static string FormatRate(long bits) =>
        bits % 1_000_000_000 == 0 ? $"{bits / 1_000_000_000}gbit"
        : bits % 1_000_000 == 0 ? $"{bits / 1_000_000}mbit"
        : bits % 1_000 == 0 ? $"{bits / 1_000}kbit"
        : $"{bits}bit";

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)%$")]
    private static partial Regex Percent();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(bit|kbit|mbit|gbit)$", RegexOptions.IgnoreCase)]
    private static partial Regex Rate();
}

/// <summary>
/// The `tc` commands every kind of host runs to impair its lab link and to restore it, and what their failures mean.
/// Each <see cref="ILabHost.ImpairLinkAsync"/> runs these through its own <see cref="ILabHost.RunAsync"/> (inside the
/// namespace, over SSH), so they behave the same on every target.
/// </summary>
public static class NetemLink
{
    /// <summary>The lab link of every host: the namespace's veth on the local target, the first NIC of a VM or machine.</summary>
    public const string Device = "eth0";

    public static string ApplyCommand(LinkImpairment impairment) => $"tc qdisc replace dev {Device} root netem {impairment.NetemArguments}";

    public const string RemoveCommand = $"tc qdisc del dev {Device} root";

    /// <summary>Sets (replacing any earlier one) or, when <paramref name="impairment"/> is null, removes the host's link impairment.</summary>
    public static async Task ImpairAsync(ILabHost host, LinkImpairment? impairment, CancellationToken ct)
    {
        var command = impairment is null ? RemoveCommand : ApplyCommand(impairment);
        var result = await host.RunAsync(command, timeout: TimeSpan.FromSeconds(30), ct: ct);
        if (result.Ok) return;
        var output = result.Stderr + result.Stdout;
        if (impairment is null)
        {
            // Nothing to remove: the device has its default qdisc (noqueue on a veth, mq or pfifo_fast on a NIC). Without
            // tc nothing can have been impaired through it either.
            if (output.Contains("handle of zero", StringComparison.Ordinal) || output.Contains("No such file or directory", StringComparison.Ordinal)
                || IsMissingTc(result)) return;
            throw new HostCommandException(host.Name, command, result);
        }
        if (IsMissingTc(result))
            throw new Errors.LabException($"{host.Name}: `tc` is not installed, so its link cannot be impaired; install Debian's iproute2 on it (apt-get install iproute2)");
        // "Specified qdisc kind is unknown" (netlink extended ack), or the bare ENOENT of an older tc.
        if (output.Contains("qdisc kind is unknown", StringComparison.Ordinal) || output.Contains("RTNETLINK answers: No such file or directory", StringComparison.Ordinal))
            throw new NetemUnavailableException(host.Name);
        throw new HostCommandException(host.Name, command, result);
    }

    private static bool IsMissingTc(CommandResult result) =>
        result.ExitCode == 127 && (result.Stderr + result.Stdout).Contains("tc", StringComparison.Ordinal);
}

/// <summary>A host whose kernel has no netem (sch_netem): namespaces and containers share this machine's kernel.</summary>
public sealed class NetemUnavailableException(string host, string? lab = null) : Errors.LabException(
    $"{host}: this host's kernel has no netem (sch_netem), so its link cannot be impaired; run the lab on the vm target " +
    $"(lab up {lab ?? "LAB"} --target vm), whose VMs have Debian's own kernel")
{
    public string Host { get; } = host;
}
