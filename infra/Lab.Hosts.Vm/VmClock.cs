using System.Diagnostics;
using System.Globalization;
using Lab.Hosts.Ssh.Inventory;
using Lab.Hosts.Ssh.Transport;

namespace Lab.Hosts.Vm;

/// <summary>
/// Sets a booted VM's clock from this machine's. A guest reads its start time from the emulated RTC, which counts
/// whole seconds, so VMs booted together can disagree by up to a second, and a check such as Galera's "a write
/// from the last second" compares times written on different nodes. There is no NTP inside a lab (nothing leaves
/// the machine), so the tool does what NTP does, over SSH: read the VM's clock a few times, keep the reading with
/// the shortest round trip (its error is at most half of it), and have the VM shift its own clock by that offset.
/// </summary>
public static class VmClock
{
    private const int Samples = 3;

    /// <returns>How far the VM's clock was from this machine's afterwards, as measured, in seconds.</returns>
    public static async Task<double> SyncAsync(SshRunner runner, InventoryHost host, CancellationToken ct)
    {
        var offset = await OffsetAsync(runner, host, ct);
        // The VM subtracts the offset from its own clock at the moment it runs the command: no transit time in it.
        var shift = offset.ToString("0.000000", CultureInfo.InvariantCulture);
        var set = await runner.RunAsync(host, $"t=$(date +%s.%N); date -u -s \"@$(awk -v t=\"$t\" 'BEGIN {{ printf \"%.6f\", t - ({shift}) }}')\" >/dev/null",
            null, TimeSpan.FromSeconds(60), ct);
        if (!set.Ok) throw new Lab.Core.Errors.LabException($"{host.Name}: could not set its clock: {set.Describe()}");
        return await OffsetAsync(runner, host, ct);
    }

    /// <summary>The VM's clock minus this machine's, from the reading with the shortest round trip.</summary>
    private static async Task<double> OffsetAsync(SshRunner runner, InventoryHost host, CancellationToken ct)
    {
        var best = (Rtt: double.MaxValue, Offset: 0.0);
        for (var i = 0; i < Samples; i++)
        {
            var sent = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var read = await runner.RunAsync(host, "date +%s.%N", null, TimeSpan.FromSeconds(60), ct);
            var rtt = clock.Elapsed.TotalSeconds;
            if (!read.Ok || !double.TryParse(read.Stdout.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var remote))
                throw new Lab.Core.Errors.LabException($"{host.Name}: could not read its clock: {read.Describe()}");
            var local = sent.ToUnixTimeMilliseconds() / 1000.0 + rtt / 2;
            if (rtt < best.Rtt) best = (rtt, remote - local);
        }
        return best.Offset;
    }
}
