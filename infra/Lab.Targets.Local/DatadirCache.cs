using Lab.Instances;
using Lab.Core.Galera;
using Lab.Core.Hosts;

namespace Lab.Targets.Local;

/// <summary>
/// Initialised MariaDB data directories, built once per MariaDB version and copied to each node:
/// <list type="bullet">
/// <item><c>galera</c>: went through one single-node Galera bootstrap, so InnoDB and grastate.dat agree on a cluster
/// position. Nodes copied from it start together from the same state (see <see cref="SavedPrimaryView"/>).</item>
/// <item><c>plain</c>: straight from mariadb-install-db, as on a freshly installed VM. A node started from it has no
/// position and joins by a full SST (the seeds' procedure, used as the benchmark baseline).</item>
/// </list>
/// </summary>
public sealed class DatadirCache(LocalLayout layout)
{
    public async Task<string> GaleraSeedAsync(CancellationToken ct) => await EnsureAsync("galera", ct);
    public async Task<string> PlainAsync(CancellationToken ct) => await EnsureAsync("plain", ct);

    private async Task<string> EnsureAsync(string kind, CancellationToken ct)
    {
        var version = (await ProcessRunner.RequireAsync("mariadbd", ["--version"], ct: ct)).Stdout.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(w => w != "Ver").Skip(1).FirstOrDefault() ?? "unknown";
        var dir = Path.Combine(layout.CacheRoot, $"mariadb-{version}", kind);
        if (File.Exists(Path.Combine(dir, ".complete"))) return dir;

        var parent = Path.GetDirectoryName(dir)!;
        Directory.CreateDirectory(parent);
        RemoveAbandonedBuilds(parent, kind);
        // Every build writes only its own directory: two `lab up` at once on a cold cache (two processes, or two
        // instances in one process, as the bench's density run does) each build a copy, and the first rename wins.
        // Kept short: the bootstrap's socket lives under it, within the 108-byte limit of a unix socket path.
        var work = Path.Combine(parent, $"{kind}{BuildMarker}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        var tmp = work + ".tmp";
        try
        {
            await BuildAsync(kind, work, tmp, ct);
            // rename(2): atomic, and refused when the directory exists, so the cache only ever holds a complete copy.
            Directory.Move(work, dir);
        }
        catch (IOException) when (File.Exists(Path.Combine(dir, ".complete")))
        {
            Directory.Delete(work, true); // another `lab up` finished the same build first: its copy is as good
        }
        catch
        {
            // A failed or cancelled build leaves nothing behind for the next `up` to trip over.
            foreach (var leftover in new[] { work, work + ".run" })
                if (Directory.Exists(leftover)) Directory.Delete(leftover, true);
            throw;
        }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        }
        return dir;
    }

    /// <param name="tmp">
    /// The servers' own tmpdir. Every mariadbd deletes the temporary-table files ("#sql...") it finds in its tmpdir
    /// when it starts; with the shared /tmp, one build starting its server deleted the temporary tables of the other
    /// build's bootstrap (ERROR 1051: Unknown table 'mysql.tmp_user_nopasswd,...').
    /// </param>
    private static async Task BuildAsync(string kind, string work, string tmp, CancellationToken ct)
    {
        var (uid, gid) = UnixUsers.Lookup("mysql");
        foreach (var owned in new[] { work, tmp })
        {
            Directory.CreateDirectory(owned);
            Native.Chown(owned, uid, gid);
        }
        await ProcessRunner.RequireAsync("mariadb-install-db",
        [
            "--no-defaults", "--user=mysql", $"--datadir={work}", $"--tmpdir={tmp}", "--auth-root-authentication-method=socket",
            "--skip-test-db", "--innodb-log-file-size=16M", "--innodb-buffer-pool-size=32M",
        ], timeout: TimeSpan.FromMinutes(2), ct: ct);
        if (kind == "galera") await BootstrapOnceAsync(work, tmp, ct);
        File.WriteAllText(Path.Combine(work, ".complete"), DateTimeOffset.UtcNow.ToString("O"));
    }

    private const string BuildMarker = ".build-";

    /// <summary>
    /// Build directories whose process is gone (a `lab up` killed while building) are never renamed into place;
    /// each is a whole data directory, so they are removed rather than left to pile up. Live builds are left alone.
    /// </summary>
    private static void RemoveAbandonedBuilds(string parent, string kind)
    {
        foreach (var stale in Directory.GetDirectories(parent, $"{kind}{BuildMarker}*"))
        {
            var rest = Path.GetFileName(stale)[(kind.Length + BuildMarker.Length)..];
            if (!int.TryParse(rest.Split('-')[0], out var pid) || Directory.Exists($"/proc/{pid}")) continue;
            try { Directory.Delete(stale, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // another up removing it too
        }
    }

    /// <summary>
    /// Runs the server once as a new single-node cluster and shuts it down cleanly, in a throwaway network namespace
    /// with only loopback, so the data directory records a Galera position (uuid:seqno) in InnoDB and grastate.dat.
    /// </summary>
    private static async Task BootstrapOnceAsync(string datadir, string tmp, CancellationToken ct)
    {
        var run = datadir + ".run";
        Directory.CreateDirectory(run);
        var (uid, gid) = UnixUsers.Lookup("mysql");
        Native.Chown(run, uid, gid);
        var script = $$"""
            ip link set lo up
            mariadbd --no-defaults --user=mysql --datadir={{datadir}} --tmpdir={{tmp}} --socket={{run}}/s.sock --pid-file={{run}}/p.pid \
              --skip-networking --innodb-buffer-pool-size=32M --innodb-log-file-size=16M --performance-schema=OFF \
              --wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so --wsrep-cluster-address=gcomm:// \
              --binlog-format=row --innodb-autoinc-lock-mode=2 --wsrep-new-cluster \
              --wsrep-provider-options='gmcast.listen_addr=tcp://127.0.0.1:0;ist.recv_addr=127.0.0.1:0;gcache.size=8M' \
              > {{run}}/error.log 2>&1 &
            i=0
            until mariadb -S {{run}}/s.sock -e 'SELECT 1' >/dev/null 2>&1; do
              i=$((i+1)); [ $i -gt 600 ] && { cat {{run}}/error.log; exit 1; }
              kill -0 $! 2>/dev/null || { cat {{run}}/error.log; exit 1; }
              sleep 0.05
            done
            kill -TERM $!
            wait $!
            """;
        await ProcessRunner.RequireAsync("unshare", ["--net", "sh", "-ec", script], timeout: TimeSpan.FromMinutes(2), ct: ct);
        var grastate = GraState.Parse(File.ReadAllText(Path.Combine(datadir, "grastate.dat")));
        if (grastate.Seqno < 0)
            throw new HostCommandException("local", "seed datadir bootstrap", new CommandResult(1, "", $"grastate.dat has no position: {grastate}"));
        // The ring buffer and any saved view belong to that one-off run, not to the nodes copied from here.
        foreach (var leftover in new[] { "galera.cache", "gvwstate.dat" })
            File.Delete(Path.Combine(datadir, leftover));
        Directory.Delete(run, true);
    }
}
