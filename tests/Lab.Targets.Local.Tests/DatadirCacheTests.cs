using Lab.Instances;
namespace Lab.Targets.Local.Tests;

/// <summary>The seed datadir cache on a cold start: real mariadb-install-db runs (root), in a throwaway cache root.</summary>
public sealed class DatadirCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dfx-cache-").FullName;

    public DatadirCacheTests() =>
        // The server drops to the mysql user, who must be able to walk down to the data directory.
        File.SetUnixFileMode(_root, (UnixFileMode)Convert.ToInt32("0755", 8));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private LocalLayout Layout => new(Path.Combine(_root, "state"), Path.Combine(_root, "ns"), Path.Combine(_root, "cache"));

    [Fact]
    public async Task Given_an_empty_cache_When_two_builds_run_at_once_in_one_process_Then_both_succeed_and_leave_one_complete_cache()
    {
        var cache = new DatadirCache(Layout);

        // The galera seed: mariadb-install-db, then a one-off Galera bootstrap, the longest build and the one `up galera` needs.
        var built = await Task.WhenAll(cache.GaleraSeedAsync(CancellationToken.None), new DatadirCache(Layout).GaleraSeedAsync(CancellationToken.None));

        Assert.True(built[0] == built[1], $"the two builds returned different directories: {built[0]} and {built[1]}");
        Assert.True(File.Exists(Path.Combine(built[0], ".complete")) && Directory.Exists(Path.Combine(built[0], "mysql"))
                    && File.Exists(Path.Combine(built[0], "grastate.dat")),
            $"expected a complete galera seed (.complete, the mysql schema, grastate.dat) in {built[0]}; it holds: {string.Join(", ", Directory.GetFileSystemEntries(built[0]).Select(Path.GetFileName))}");
        var versionDir = Path.GetDirectoryName(built[0])!;
        var left = Directory.GetFileSystemEntries(versionDir).Select(Path.GetFileName).ToList();
        Assert.True(left.SequenceEqual(["galera"]), $"expected only 'galera' in {versionDir}, found: {string.Join(", ", left)}");
    }

    [Fact]
    public async Task Given_a_build_abandoned_by_a_process_that_is_gone_When_the_cache_is_built_Then_the_abandoned_copy_is_removed()
    {
        var cache = new DatadirCache(Layout);
        var versionDir = Path.GetDirectoryName(await cache.PlainAsync(CancellationToken.None))!;
        Directory.Delete(Path.Combine(versionDir, "plain"), recursive: true);
        var deadPid = DeadPid();
        var abandoned = Directory.CreateDirectory(Path.Combine(versionDir, $"plain.build-{deadPid}-0badc0de")).FullName;
        var live = Directory.CreateDirectory(Path.Combine(versionDir, $"plain.build-{Environment.ProcessId}-00c0ffee")).FullName;

        await cache.PlainAsync(CancellationToken.None);

        Assert.False(Directory.Exists(abandoned), $"the build of dead process {deadPid} was left in {versionDir}");
        Assert.True(Directory.Exists(live), "a build of a live process (this one) must be left to finish");
    }

    /// <summary>A process id no process has now: above every live one, below the kernel's limit.</summary>
    private static int DeadPid()
    {
        var max = int.Parse(File.ReadAllText("/proc/sys/kernel/pid_max").Trim());
        var candidate = Enumerable.Range(0, 1000).Select(i => max - 1 - i).First(p => !Directory.Exists($"/proc/{p}"));
        return candidate;
    }
}
