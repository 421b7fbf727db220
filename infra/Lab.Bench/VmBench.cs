using System.Diagnostics;
using Lab.Core.Model;
using Lab.Core.Targets;
using Lab.Instances;
using Lab.Hosts.Vm;
using Lab.Targets.Vm;

namespace Lab.Bench;

/// <summary>
/// The vm target's own costs, on bare VMs (no services, so the figures are the VMs', not MariaDB's): from nothing to
/// every VM booted and answering SSH, how long the boot alone took, down, and QEMU's memory per VM. One VM gives the
/// "a VM up" figure; several show what sharing the cores costs under emulation.
/// </summary>
public sealed class VmBench(VmTarget target, LocalLayout layout, LabDefinition lab, Action<string> progress)
{
    public async Task<VmReport> RunAsync(string instance, int vms, CancellationToken ct)
    {
        var bare = BareLab(lab, vms);
        var timeline = new List<string>();
        var clock = Stopwatch.StartNew();
        TimeSpan? bootStart = null, booted = null;
        string accel = "unknown";
        void Note(string line)
        {
            timeline.Add($"[{clock.Elapsed.TotalSeconds,7:0.00}s] {line}");
            if (line.StartsWith("VMs run under ", StringComparison.Ordinal)) accel = line["VMs run under ".Length..];
            if (line.Contains(" VMs booting", StringComparison.Ordinal)) bootStart = clock.Elapsed;
            if (line.StartsWith("VMs booted", StringComparison.Ordinal)) booted = clock.Elapsed;
            progress(line);
        }

        double up, down;
        List<double> rss;
        try
        {
            // The first run may build the images: measured apart, so the up figure is a boot, not a build.
            await Lab.Images.VmImage.EnsureAsync(layout, Note, ct);
            clock.Restart();
            await target.UpAsync(new UpRequest(bare, instance), Note, ct);
            up = clock.Elapsed.TotalSeconds;
            var dirs = new VmLayout(layout);
            rss = bare.Hosts.Select(h => OwnedProcess.ReadPid(dirs.PidFile(instance, h.Name))).Select(ProcMemory.RssMib).OfType<double>().ToList();
        }
        finally
        {
            var downClock = Stopwatch.StartNew();
            await target.DownAsync(instance, CancellationToken.None);
            down = downClock.Elapsed.TotalSeconds;
        }
        var boot = bootStart is { } s && booted is { } b ? (b - s).TotalSeconds : double.NaN;
        return new VmReport(accel, vms, SampleStats.Round(up), SampleStats.Round(boot), SampleStats.Round(down), SampleStats.OfOrNull(rss), timeline);
    }

    /// <summary>The lab's network with <paramref name="count"/> hosts that run nothing and get no files.</summary>
    internal static LabDefinition BareLab(LabDefinition lab, int count) => lab with
    {
        Hosts = Enumerable.Range(1, count).Select(i => new HostDefinition($"vm{i}", Ipv4Subnet.Format(lab.Subnet.Network + (uint)(10 + i)), "bare", [], [], [])).ToList(),
    };
}
