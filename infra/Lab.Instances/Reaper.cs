namespace Lab.Instances;

/// <summary>
/// Removes everything that carries an instance's name, whether `up` finished, failed, or was killed half-way:
/// processes inside its namespaces, the namespace files, the namespaces, its route and its directory, and the empty
/// mount points its `up` created on the machine that no other instance relies on (see <see cref="CreatedMountPoints"/>).
/// Safe to run any number of times; never touches anything named for another instance.
/// </summary>
public static class Reaper
{
    /// <param name="MountPoints">Directories on the machine that `up` had created to mount over, removed again.</param>
    public sealed record Report(int Processes, int Namespaces, string? Route, bool Directory, int MountPoints = 0)
    {
        public bool AnythingRemoved => Processes + Namespaces + MountPoints > 0 || Route is not null || Directory;

        /// <summary>The same facts in a target's down report.</summary>
        public Lab.Core.Targets.DownReport For(string target) => new(target, new[]
        {
            Processes > 0 ? $"{Processes} process(es)" : null,
            Namespaces > 0 ? $"{Namespaces} namespace(s)" : null,
            Route is not null ? $"its guard route {Route}" : null,
            Directory ? "its files" : null,
            MountPoints > 0 ? $"{MountPoints} mount point(s) it had created" : null,
        }.OfType<string>().ToList());
    }

    public static async Task<Report> DownAsync(LocalLayout layout, string instance, CancellationToken ct)
    {
        var record = InstanceRecord.TryLoad(layout, instance);
        var prefix = LocalLayout.InstancePrefix(instance);
        var netns = Directory.Exists("/run/netns")
            ? Directory.GetFiles("/run/netns").Select(Path.GetFileName).OfType<string>().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList()
            : [];

        // The loopback forwarders live in the machine's namespace, not the lab's: found by their command line.
        var killed = PortForwards.Stop(instance);
        // Processes first (they may hold mounts), in every one of the instance's network namespaces.
        for (var round = 0; round < 50; round++)
        {
            var pids = new List<int>();
            foreach (var ns in netns)
            {
                var r = await ProcessRunner.RunAsync("ip", ["netns", "pids", ns], ct: ct);
                pids.AddRange(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
            if (pids.Count == 0) break;
            foreach (var pid in pids) Native.Signal(pid, Native.SIGKILL);
            if (round == 0) killed += pids.Count;
            await Task.Delay(20, ct);
        }

        var nsFiles = Directory.Exists(layout.NamespaceRoot)
            ? Directory.GetFiles(layout.NamespaceRoot, $"{instance}.*").Where(f => Path.GetFileName(f).Split('.').Length == 3).ToList()
            : [];
        foreach (var file in nsFiles)
        {
            await ProcessRunner.RunAsync("umount", [file], ct: ct);
            File.Delete(file);
        }
        foreach (var ns in netns)
            await ProcessRunner.RunAsync("ip", ["netns", "del", ns], ct: ct);

        // Only the route this instance's own record claims: never another instance's guard for the same subnet.
        var route = await GuardRoute.RemoveOwnedAsync(record, ct);

        // Once no namespace of this instance mounts over them, and before the list of them goes with the directory.
        var mountPoints = await CreatedMountPoints.ReleaseAsync(layout, instance, ct);

        var dir = layout.InstanceDir(instance);
        var hadDir = System.IO.Directory.Exists(dir);
        if (hadDir) await DeleteTreeAsync(dir, ct);
        return new Report(killed, netns.Count, route.Count > 0 ? string.Join(", ", route) : null, hadDir, mountPoints);
    }

    /// <summary>
    /// A process killed a moment ago may still be finishing a write or an unlink inside the tree, which makes a recursive
    /// delete fail half-way ("could not find a part of the path"); the tree is removed again until it is gone.
    /// </summary>
    private static async Task DeleteTreeAsync(string dir, CancellationToken ct)
    {
        await Lab.Core.Waits.Until.Real.HoldsAsync($"remove {dir}", _ =>
        {
            try
            {
                if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, recursive: true);
                return Task.FromResult(Lab.Core.Waits.ProbeResult.Yes("removed"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Task.FromResult(Lab.Core.Waits.ProbeResult.No(e.Message));
            }
        }, new Lab.Core.Waits.WaitPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50)), ct);
    }

    /// <summary>Instances that exist in any form: a state directory or namespaces named for them.</summary>
    public static IReadOnlyList<string> ExistingInstances(LocalLayout layout)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(layout.InstancesDir))
            foreach (var d in Directory.GetDirectories(layout.InstancesDir)) names.Add(Path.GetFileName(d));
        if (Directory.Exists("/run/netns"))
            foreach (var n in Directory.GetFiles("/run/netns").Select(Path.GetFileName).OfType<string>())
                if (n.StartsWith(LocalLayout.NetnsPrefix, StringComparison.Ordinal) && n.Split('.') is { Length: 3 } parts)
                    names.Add(parts[1]);
        return names.ToList();
    }
}
