using Lab.Core.Hosts;
using Lab.Instances;
using Lab.Instances.Rootless;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// A Unix user made for one test (a fresh CI machine has no ordinary user with subordinate ids), with its own home
/// outside /tmp (a galera host mounts its own /tmp over the machine's, so the state directory must not be there), and
/// removed again with its home and its /etc/subuid and /etc/subgid lines.
/// </summary>
internal sealed class ThrowawayUser : IAsyncDisposable
{
    private ThrowawayUser(string name, int uid, string home)
    {
        Name = name;
        Uid = uid;
        Home = home;
    }

    public string Name { get; }
    public int Uid { get; }
    public string Home { get; }

    /// <summary>The first of the user's subordinate uids (mysql inside its namespace is this + 101 or so outside).</summary>
    public long SubuidStart => File.ReadLines("/etc/subuid").Select(l => l.Split(':')).First(f => f[0] == Name)[1] is var s ? long.Parse(s) : 0;

    public static async Task<ThrowawayUser> CreateAsync(string prefix)
    {
        var name = $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";
        var home = $"/home/{name}";
        Require(await ProcessRunner.RunAsync("useradd", ["--create-home", "--home-dir", home, "--shell", "/bin/sh", name]), "useradd");
        var uid = int.Parse((await ProcessRunner.RunAsync("id", ["-u", name])).Stdout.Trim());
        return new ThrowawayUser(name, uid, home);
    }

    /// <summary>The user's subordinate ids: made here when useradd did not (it does only when /etc/subuid existed).</summary>
    public async Task GrantSubordinateIdsAsync()
    {
        if (SubordinateIds.Count("/etc/subuid", Name, Uid) >= SubordinateIds.Needed && SubordinateIds.Count("/etc/subgid", Name, Uid) >= SubordinateIds.Needed)
            return;
        var start = new[] { "/etc/subuid", "/etc/subgid" }.Where(File.Exists).SelectMany(File.ReadLines)
            .Select(l => l.Split(':')).Where(f => f.Length == 3).Select(f => long.Parse(f[1]) + long.Parse(f[2])).Append(100000).Max();
        var range = $"{start}-{start + SubordinateIds.Needed - 1}";
        Require(await ProcessRunner.RunAsync("usermod", ["--add-subuids", range, "--add-subgids", range, Name]), "usermod --add-subuids");
    }

    public async Task RevokeSubordinateIdsAsync()
    {
        foreach (var (file, option) in new[] { ("/etc/subuid", "--del-subuids"), ("/etc/subgid", "--del-subgids") })
            foreach (var f in File.Exists(file) ? File.ReadAllLines(file).Select(l => l.Split(':')).Where(f => f.Length == 3 && f[0] == Name).ToList() : [])
                Require(await ProcessRunner.RunAsync("usermod", [option, $"{f[1]}-{long.Parse(f[1]) + long.Parse(f[2]) - 1}", Name]), $"usermod {option}");
    }

    /// <summary>Processes running as the user, or as one of its subordinate ids (mysql and haproxy inside its namespace).</summary>
    public IReadOnlyList<(int Pid, string What)> Processes(long subStart)
    {
        var found = new List<(int, string)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out _)) continue;
            try
            {
                var uidLine = File.ReadLines(Path.Combine(dir, "status")).First(l => l.StartsWith("Uid:"));
                var uid = long.Parse(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
                var state = File.ReadAllText(Path.Combine(dir, "stat")).Split(") ").Last()[0];
                if (state != 'Z' && (uid == Uid || (uid >= subStart && uid < subStart + SubordinateIds.Needed)))
                    found.Add((int.Parse(Path.GetFileName(dir)), $"{Path.GetFileName(dir)} (uid {uid}): {File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')}"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException) { } // gone meanwhile
        }
        return found;
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever a failed test left running as the user (or its ids) goes first: userdel refuses a user with processes.
        if (File.ReadLines("/etc/subuid").Any(l => l.StartsWith(Name + ":")))
            foreach (var (pid, _) in Processes(SubuidStart)) Native.Signal(pid, Native.SIGKILL);
        await RevokeSubordinateIdsAsync();
        await ProcessRunner.RunAsync("userdel", ["--remove", Name]);
        // Files the user's mysql wrote in its home belong to a subordinate id: userdel leaves what it cannot remove.
        if (Directory.Exists(Home)) Directory.Delete(Home, recursive: true);
    }

    private static void Require(CommandResult r, string what)
    {
        if (r.ExitCode != 0) throw new InvalidOperationException($"{what} failed (exit {r.ExitCode}): {r.Stderr.Trim()}");
    }
}
