using System.Diagnostics;
using Lab.Core.Errors;
using Lab.Core.Waits;

namespace Lab.Instances.Rootless;

/// <summary>
/// One long-lived process per user (`sleep infinity`, made by `unshare --user --map-auto --map-root-user --mount`)
/// whose user and mount namespaces every rootless `lab` command of that user joins, so `status` and `down` see the
/// instances `up` made. It keeps the machine's network namespace: ports the tool publishes on 127.0.0.1 are where the
/// user's own programs look, while every lab namespace it creates is owned by the user's namespace. It is started by
/// the first command and stopped by the `down` that leaves no instance.
/// </summary>
/// <param name="stateRoot">The user's state directory (instances, the holder's pid file and log).</param>
public sealed class RootlessHolder(string stateRoot)
{
    private string PidFile => Path.Combine(stateRoot, "holder.pid");
    private string LogFile => Path.Combine(stateRoot, "holder.log");
    private string CacheFile => Path.Combine(stateRoot, "holder.cache");
    private string LockFile => Path.Combine(stateRoot, ".holder.lock");

    /// <summary>Where the machine's directories shadowed inside the holder stay reachable (see <see cref="ShadowedDirectory"/>).</summary>
    public string AsideRoot => Path.Combine(stateRoot, ".machine");

    /// <summary>The user's cache directory, bind-mounted here inside the holder: a path mysql can reach without entering the user's home.</summary>
    public const string CacheInside = "/run/lab/cache";

    /// <summary>The running holder's pid, starting and setting it up first when there is none.</summary>
    /// <param name="usesCache">The command may build or copy seed data directories (`up`, `run`): a holder bound to another cache is refused.</param>
    public async Task<int> FindOrStartAsync(string cacheRoot, bool usesCache, CancellationToken ct)
    {
        Directory.CreateDirectory(stateRoot);
        using var _ = await FileLock.AcquireAsync(LockFile, $"the rootless holder lock {LockFile}", ct);
        var cacheFull = Path.GetFullPath(cacheRoot);
        if (Find() is { } running)
        {
            // The cache is bound into the holder when it starts: another one would not be seen until it is restarted.
            var bound = File.Exists(CacheFile) ? File.ReadAllText(CacheFile).Trim() : cacheFull;
            return bound == cacheFull || !usesCache ? running
                : throw new PreflightException($"your rootless holder (pid {running}) uses the cache {bound}, not {cacheFull}: unset LAB_CACHE_DIR " +
                                               $"(or set it to {bound}), or take your instances down (the holder ends with the last) and run again");
        }
        var pid = await StartAsync(ct);
        try
        {
            Directory.CreateDirectory(cacheFull);
            await SetUpAsync(pid, cacheFull, ct);
        }
        catch
        {
            Native.Signal(pid, Native.SIGKILL);
            throw;
        }
        File.WriteAllText(CacheFile, cacheFull);
        File.WriteAllText(PidFile, pid.ToString());
        return pid;
    }

    /// <summary>The holder of this user, when its pid file names a live `sleep` in a user namespace other than ours.</summary>
    public int? Find()
    {
        if (!File.Exists(PidFile) || !int.TryParse(File.ReadAllText(PidFile).Trim(), out var pid)) return null;
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline");
            return cmdline.StartsWith("sleep\0", StringComparison.Ordinal) && UserNamespace(pid) is { } ns && ns != UserNamespace(Environment.ProcessId)
                ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>
    /// Stops the holder once nothing needs it: no instance in the state directory, and no process but the holder in its
    /// user namespace (another `lab` command may be starting an instance right now).
    /// </summary>
    /// <param name="waitForExits">Give processes a moment to exit first (after `down`, which has just killed the services).</param>
    /// <returns>True when a holder was stopped.</returns>
    public async Task<bool> StopWhenIdleAsync(bool waitForExits, CancellationToken ct)
    {
        if (!File.Exists(PidFile)) return false;
        using var _ = await FileLock.AcquireAsync(LockFile, $"the rootless holder lock {LockFile}", ct);
        if (Find() is not { } pid) return false;
        var instances = Path.Combine(stateRoot, "instances");
        if (Directory.Exists(instances) && Directory.EnumerateDirectories(instances).Any()) return false;
        var ns = UserNamespace(pid)!;
        // Services `down` just killed may still be exiting; a `lab` command of the user running meanwhile keeps it.
        try
        {
            await Until.Real.HoldsAsync("the processes in the rootless holder's namespace to exit", _ =>
                    Task.FromResult(new ProbeResult(!OtherProcessesIn(ns, pid).Any(), "some still run")),
                new WaitPolicy(waitForExits ? TimeSpan.FromSeconds(5) : TimeSpan.Zero, TimeSpan.FromMilliseconds(20)), ct);
        }
        catch (WaitTimeoutException) { return false; }
        Native.Signal(pid, Native.SIGTERM);
        await Until.Real.HoldsAsync($"the rootless holder (pid {pid}) to exit", _ =>
            Task.FromResult(new ProbeResult(!Directory.Exists($"/proc/{pid}") || IsZombie(pid), "still running")),
            new WaitPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(10)), ct);
        File.Delete(PidFile);
        return true;
    }

    private async Task<int> StartAsync(CancellationToken ct)
    {
        // exec all the way down: the pid .NET gets is the holder's. setsid: a Ctrl-C in the user's terminal stops the
        // command, never the namespaces of the instances already up.
        var psi = new ProcessStartInfo("sh") { UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var a in new[] { "-c", "exec setsid unshare --user --map-auto --map-root-user --mount --propagation private -- sleep infinity " +
                                        "</dev/null >/dev/null 2>\"$0\"", LogFile })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new PreflightException("could not start unshare for the rootless holder");
        var pid = process.Id;
        var ours = UserNamespace(Environment.ProcessId);
        await Until.Real.HoldsAsync("the rootless holder's user namespace", _ =>
        {
            var ns = UserNamespace(pid);
            // The map is written by newuidmap after the namespace exists: wait for both (or for unshare to give up).
            return Task.FromResult(new ProbeResult(process.HasExited || (ns is not null && ns != ours && Mapped(pid)), "not in its own user namespace yet"));
        }, new WaitPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(5)), ct);
        if (process.HasExited)
            throw new PreflightException($"rootless mode: unshare --user --map-auto failed: {Log()}; " +
                                         "check the user's lines in /etc/subuid and /etc/subgid, and that newuidmap and newgidmap are setuid root (package uidmap)");
        return pid;
    }

    /// <summary>
    /// /run gets the holder's own netns and lab directories (the machine's hold root's namespaces), and the cache its
    /// reachable path. /run/lab/ns becomes a private mount of its own, as the local target makes it as root: its own
    /// check would be fooled here by the machine's /run/lab/ns, hidden under the tmpfs but still in the mount table.
    /// </summary>
    private async Task SetUpAsync(int pid, string cacheRoot, CancellationToken ct)
    {
        var script = ShadowedDirectory.Function + $"""

            shadow /run "$0" netns lab
            mkdir -p /run/netns /run/lab/ns {CacheInside}
            mount --bind "$1" {CacheInside}
            mount --bind /run/lab/ns /run/lab/ns
            mount --make-private /run/lab/ns
            """;
        await ProcessRunner.RequireAsync("nsenter", [.. Enter(pid), "sh", "-ec", script, ShadowedDirectory.AsidePath(AsideRoot, "/run"), cacheRoot], ct: ct);
    }

    /// <summary>nsenter arguments that join the holder's user and mount namespaces as its uid 0.</summary>
    public static IReadOnlyList<string> Enter(int pid) => ["-t", pid.ToString(), "--user", "--mount", "--preserve-credentials", "--"];

    private string Log() => File.Exists(LogFile) ? File.ReadAllText(LogFile).Trim().ReplaceLineEndings("; ") : "(no message)";

    private static string? UserNamespace(int pid)
    {
        try { return new FileInfo($"/proc/{pid}/ns/user").LinkTarget; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static bool Mapped(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/uid_map").Trim().Length > 0; }
        catch (IOException) { return false; }
    }

    private static bool IsZombie(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/stat").Split(") ").Last().StartsWith('Z'); }
        catch (IOException) { return true; }
    }

    /// <summary>The live processes in the holder's user namespace besides it (a service killed by `down` may wait a moment as a zombie).</summary>
    private static IEnumerable<int> OtherProcessesIn(string ns, int holder) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Select(n => int.TryParse(n, out var p) ? p : 0)
            .Where(p => p > 0 && p != holder && p != Environment.ProcessId && UserNamespace(p) == ns && !IsZombie(p));
}
