using System.Diagnostics;
using Lab.Instances;

namespace Lab.Hosts.Vm;

/// <summary>How the VMs run, and why: KVM when a guest really boots under it, software emulation (TCG) otherwise.</summary>
public sealed record Acceleration(bool Kvm, string Why)
{
    /// <summary>
    /// QEMU's accelerator and CPU arguments. Under TCG the translated-code cache is capped (QEMU's default is 1 GB per
    /// VM, which would more than triple each VM's memory), and the CPU is the plain x86-64 baseline: with `max`, the
    /// guest loads AES/AVX crypto drivers at boot whose emulation costs more than they save (measured: 53 s → 35 s).
    /// </summary>
    public IReadOnlyList<string> QemuArguments => Kvm ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg,thread=multi,tb-size=64", "-cpu", "qemu64"];

    /// <summary>
    /// How much slower than native the VMs run, for the waits (<see cref="Lab.Core.Instances.LabInstance.Pace"/>):
    /// measured here, five emulated VMs sharing two cores take about five times as long for a cluster step.
    /// </summary>
    public double Pace => Kvm ? 1 : 5;

    public string Describe => Kvm ? $"KVM ({Why})" : $"software emulation, TCG ({Why}): boots take tens of seconds, not seconds";
}

/// <summary>
/// Probes KVM honestly: a /dev/kvm that exists is not enough (here it exists, but the CPU has no vmx/svm and guests
/// hang), so the probe boots the VM kernel under KVM and waits a bounded time for its first console line.
/// </summary>
public static class Accelerator
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly Dictionary<string, Acceleration> Known = [];

    public static async Task<Acceleration> ProbeAsync(string kernel, CancellationToken ct)
    {
        await Once.WaitAsync(ct);
        try
        {
            if (!Known.TryGetValue(kernel, out var known)) Known[kernel] = known = await ProbeUncachedAsync(kernel, ct);
            return known;
        }
        finally { Once.Release(); }
    }

    private static async Task<Acceleration> ProbeUncachedAsync(string kernel, CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("LAB_VM_ACCEL") is "tcg")
            return new(false, "LAB_VM_ACCEL=tcg");
        if (!File.Exists("/dev/kvm")) return new(false, "there is no /dev/kvm");
        var flags = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("flags", StringComparison.Ordinal)) ?? "";
        var words = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!words.Contains("vmx") && !words.Contains("svm"))
            return new(false, "/dev/kvm exists but the CPU shows no vmx/svm flag (no hardware or nested virtualization here)");
        try { using var _ = File.Open("/dev/kvm", FileMode.Open, FileAccess.ReadWrite); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return new(false, $"/dev/kvm cannot be opened: {e.Message}"); }

        // A guest kernel that prints its banner under KVM within the limit proves KVM works; one that hangs proves it does not.
        var limit = TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        var booted = false;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(limit);
        try
        {
            await ProcessRunner.RunAsync("qemu-system-x86_64",
                ["-accel", "kvm", "-cpu", "host", "-m", "256", "-kernel", kernel, "-append", "console=ttyS0 panic=-1", "-no-reboot",
                 "-display", "none", "-serial", "stdio", "-monitor", "none", "-nodefaults"],
                onLine: line => { if (line.Contains("Linux version", StringComparison.Ordinal)) { booted = true; cts.Cancel(); } },
                timeout: limit, ct: cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        return booted
            ? new(true, $"a guest kernel booted under KVM in {clock.Elapsed.TotalSeconds:0.0}s")
            : new(false, $"/dev/kvm is there but a guest kernel printed nothing under it in {limit.TotalSeconds:0}s");
    }
}
