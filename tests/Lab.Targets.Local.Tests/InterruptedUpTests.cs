using Lab.Instances;
using System.Diagnostics;
using Lab.Core.Loading;
using Lab.Core.Waits;

namespace Lab.Targets.Local.Tests;

/// <summary>`lab up` killed with SIGKILL half-way, then `lab down`: nothing of that instance may remain.</summary>
public sealed class InterruptedUpTests : IAsyncLifetime
{
    private readonly string _instance = TestInstances.NewName("killed");
    private readonly LocalLayout _layout = LocalLayout.Default;

    [Fact]
    public async Task Given_up_killed_after_servers_started_When_down_Then_no_namespace_mount_process_route_or_directory_remains()
    {
        var catalog = LabCatalog.Locate();
        var cli = Path.Combine(AppContext.BaseDirectory, "lab.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { cli, "up", "galera", "--instance", _instance }) psi.ArgumentList.Add(a);
        psi.Environment["LAB_HOME"] = catalog.Root;
        using var up = Process.Start(psi)!;
        var seen = new List<string>();
        up.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (seen) seen.Add(e.Data); };
        up.BeginOutputReadLine();

        // Kill it the moment the database servers have been started: namespaces, mounts and processes all exist.
        try
        {
            await Until.Real.HoldsAsync("`lab up` starting the servers", _ =>
            {
                lock (seen) return Task.FromResult(new ProbeResult(seen.Any(l => l.Contains("starting db1, db2, db3")), string.Join(" | ", seen.TakeLast(3))));
            }, WaitPolicy.Within(TimeSpan.FromSeconds(120)), CancellationToken.None);
        }
        finally
        {
            up.Kill();
            await up.WaitForExitAsync();
        }

        var netns = NamespacesOf(_instance);
        Assert.NotEmpty(netns);
        var pids = new List<int>();
        foreach (var ns in netns)
            pids.AddRange((await ProcessRunner.RunAsync("ip", ["netns", "pids", ns])).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
        Assert.NotEmpty(pids); // the servers were running when `up` died
        var record = InstanceRecord.TryLoad(_layout, _instance);
        Assert.NotNull(record);

        var report = await Reaper.DownAsync(_layout, _instance, CancellationToken.None);

        Assert.True(report.AnythingRemoved);
        Assert.Empty(NamespacesOf(_instance));
        Assert.Empty(Directory.GetFiles(_layout.NamespaceRoot, $"{_instance}.*"));
        Assert.False(Directory.Exists(_layout.InstanceDir(_instance)));
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), l => l.Contains($"/{_instance}."));
        Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z"), $"process {pid} survived"));
        var route = await ProcessRunner.RunAsync("ip", ["route", "show", record!.Subnet]);
        Assert.DoesNotContain("unreachable", route.Stdout);

        var again = await Reaper.DownAsync(_layout, _instance, CancellationToken.None);
        Assert.False(again.AnythingRemoved);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Whatever the test saw, nothing of its instance outlives it.</summary>
    public async Task DisposeAsync() => await Reaper.DownAsync(_layout, _instance, CancellationToken.None);

    private static List<string> NamespacesOf(string instance) =>
        Directory.Exists("/run/netns")
            ? Directory.GetFiles("/run/netns").Select(Path.GetFileName).OfType<string>().Where(n => n.StartsWith($"lab.{instance}.")).ToList()
            : [];
}
