using System.Diagnostics;
using System.Text.Json;
using Lab.Core.Hosts;
using Lab.Core.Loading;
using Lab.Instances;
using Xunit.Abstractions;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// Rootless mode end to end: a throwaway ordinary user runs the real CLI (`lab up galera`, `lab status --json`,
/// `lab run galera kill-node1-ist`, `lab down`), and afterwards nothing of it runs any more, as the user or as one of
/// its subordinate ids. Also the refusal: without subordinate ids, the command says what to ask root for, with exit 1.
/// </summary>
public sealed class RootlessLabTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _instance = TestInstances.NewName("rl");
    private ThrowawayUser? _user;
    private string _copy = "";

    [Fact]
    public async Task Given_an_ordinary_user_When_it_brings_up_galera_and_runs_kill_node1_ist_Then_both_pass_and_down_leaves_nothing()
    {
        var user = _user!;
        await user.RevokeSubordinateIdsAsync();
        var refused = await LabAsync("status", "--instance", _instance);
        Assert.True(refused.ExitCode == 1 && refused.Output.Contains("/etc/subuid") && refused.Output.Contains("usermod --add-subuids"),
            $"without subordinate ids: exit {refused.ExitCode}:\n{refused.Output}");

        await user.GrantSubordinateIdsAsync();
        var up = await LabAsync("up", "galera", "--instance", _instance);
        output.WriteLine($"rootless `lab up galera` (this user's first: its seed data directory is built too): {up.Seconds:0.00}s");
        Assert.True(up.ExitCode == 0, $"up: exit {up.ExitCode} after {up.Seconds:0.0}s:\n{up.Output}");
        Assert.Contains("rootless mode", up.Output);

        var status = await LabAsync("status", "--instance", _instance, "--json");
        Assert.True(status.ExitCode == 0, $"status: exit {status.ExitCode}:\n{status.Output}");
        using (var json = JsonDocument.Parse(status.Output[status.Output.IndexOf('{')..]))
            Assert.True(json.RootElement.GetProperty("healthy").GetBoolean(), status.Output);
        // Its namespaces live in the user's own mount namespace: the machine's /run/netns never sees them.
        Assert.DoesNotContain(Directory.GetFiles("/run/netns"), f => f.Contains($"lab.{_instance}."));

        // The published entry listens on the machine's 127.0.0.1 (the holder keeps the machine's network namespace),
        // where the user's own programs reach it: a query through HAProxy, as the application account.
        var instanceDir = Path.Combine(user.Home, ".local/state/lab/instances", _instance);
        using (var ports = JsonDocument.Parse(File.ReadAllText(Path.Combine(instanceDir, "ports.json"))))
        using (var secrets = JsonDocument.Parse(File.ReadAllText(Path.Combine(instanceDir, "secrets.json"))))
        {
            var entry = ports.RootElement.EnumerateArray().Single(p => p.GetProperty("Endpoint").GetProperty("IsEntry").GetBoolean());
            var query = await ProcessRunner.RunAsync("runuser", ["-u", user.Name, "--", "env", $"MYSQL_PWD={secrets.RootElement.GetProperty("app_password").GetString()}",
                "mariadb", "-h", entry.GetProperty("LocalAddress").GetString()!, "-P", entry.GetProperty("LocalPort").GetInt32().ToString(), "-u", "app",
                "-N", "-e", "SELECT @@hostname"]);
            Assert.True(query.ExitCode == 0 && query.Stdout.Trim() is "db1" or "db2" or "db3", $"query through the published entry: exit {query.ExitCode}: {query.Stdout}{query.Stderr}");
        }

        // `lab exec` runs a program beside the user's instances (how tests using Lab.Testing run without root): uid 0 of
        // the user's namespaces, the user's state directory, and the instance's own network namespaces in sight.
        var beside = await LabAsync("exec", "--", "sh", "-c", "id -u; ls \"$LAB_STATE_DIR/instances\"; ip netns list");
        var lines = beside.Output.Split('\n', StringSplitOptions.TrimEntries);
        Assert.True(beside.ExitCode == 0 && lines[0] == "0" && lines.Contains(_instance) && lines.Any(l => l.StartsWith($"lab.{_instance}.db1", StringComparison.Ordinal)),
            $"lab exec: exit {beside.ExitCode}:\n{beside.Output}");

        var run = await LabAsync("run", "galera", "kill-node1-ist", "--instance", _instance);
        output.WriteLine($"rootless `lab run galera kill-node1-ist`: {run.Seconds:0.00}s");
        Assert.True(run.ExitCode == 0, $"run: exit {run.ExitCode}:\n{run.Output}");

        var down = await LabAsync("down", "--instance", _instance);
        Assert.True(down.ExitCode == 0, $"down: exit {down.ExitCode}:\n{down.Output}");
        // The last instance gone, the holder goes too: not one process of the user or of its ids is left.
        var subStart = user.SubuidStart;
        var left = user.Processes(subStart);
        Assert.True(left.Count == 0, "left running: " + string.Join("; ", left.Select(p => p.What)));
        Assert.Empty(Directory.GetDirectories(Path.Combine(user.Home, ".local/state/lab/instances")));
    }

    public async Task InitializeAsync()
    {
        _user = await ThrowawayUser.CreateAsync("labrl");
        // The build output and the catalog may sit under a directory the user cannot enter (/root in CI): its own copy.
        _copy = Path.Combine(_user.Home, "lab");
        var catalog = LabCatalog.Locate();
        foreach (var (from, to) in new[] { (AppContext.BaseDirectory, "cli"), (catalog.LabsRoot, "labs"), (catalog.TemplatesRoot, "templates") })
            CopyTree(from, Path.Combine(_copy, to));
        var chown = await ProcessRunner.RunAsync("chown", ["-R", $"{_user.Name}:", _copy]);
        Assert.True(chown.ExitCode == 0, chown.Stderr);
    }

    public async Task DisposeAsync()
    {
        if (_user is null) return;
        // A failed test may have left the instance up: the user's own `down` removes it (and its holder).
        if (File.Exists(Path.Combine(_user.Home, ".local/state/lab/holder.pid")))
            await LabAsync("down", "--instance", _instance);
        await _user.DisposeAsync();
    }

    private sealed record LabRun(int ExitCode, string Output, double Seconds);

    /// <summary>The built CLI, as the user, with a clean environment (as a login would give it), and a bound on its time.</summary>
    private async Task<LabRun> LabAsync(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var clock = Stopwatch.StartNew();
        CommandResult r = await ProcessRunner.RunAsync("runuser",
        [
            "-u", _user!.Name, "--", "env", "-i", "-C", _user.Home, $"HOME={_user.Home}", $"USER={_user.Name}", $"PATH={Environment.GetEnvironmentVariable("PATH")}",
            $"LAB_HOME={_copy}", "DOTNET_CLI_TELEMETRY_OPTOUT=1", dotnet, Path.Combine(_copy, "cli", "lab.dll"), .. args,
        ], timeout: TimeSpan.FromMinutes(5));
        return new LabRun(r.ExitCode, r.Stdout + r.Stderr, clock.Elapsed.TotalSeconds);
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
