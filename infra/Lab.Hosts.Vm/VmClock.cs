using System.Diagnostics;
using System.Globalization;
using Lab.Hosts.Ssh.Inventory;
using Lab.Hosts.Ssh.Transport;

namespace Lab.Hosts.Vm;

/// <summary>
/// Sets a booted VM's clock from this machine's. A guest reads its start time from the emulated RTC, which counts
/// whole seconds, so VMs booted together can disagree by up to a second, and a check such as Galera's "a write
/// from the last second" compares times written on different nodes. There is no NTP inside a lab (nothing leaves
/// the machine), so the tool sets the time itself, to within half an SSH round trip.
/// </summary>
public static class VmClock
{
    /// <returns>How far the VM's clock was from this machine's afterwards, as measured, in seconds.</returns>
    public static async Task<double> SyncAsync(SshRunner runner, InventoryHost host, CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(60);
        var clock = Stopwatch.StartNew();
        Require(await runner.RunAsync(host, "true", null, timeout, ct), host, "reach it to set its clock");
        var halfTrip = clock.Elapsed / 2;
        var arrives = DateTimeOffset.UtcNow + halfTrip;
        Require(await runner.RunAsync(host, $"date -u -s @{Seconds(arrives)} >/dev/null", null, timeout, ct), host, "set its clock");

        var asked = DateTimeOffset.UtcNow;
        clock.Restart();
        var read = await runner.RunAsync(host, "date +%s.%N", null, timeout, ct);
        var expected = asked + clock.Elapsed / 2;
        return double.TryParse(read.Stdout.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? seconds - expected.ToUnixTimeMilliseconds() / 1000.0
            : double.NaN;
    }

    private static void Require(Lab.Core.Hosts.CommandResult result, InventoryHost host, string what)
    {
        if (!result.Ok) throw new Lab.Core.Errors.LabException($"{host.Name}: could not {what}: {result.Describe()}");
    }

    private static string Seconds(DateTimeOffset t) => (t.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
}
