using Lab.Instances;

namespace Lab.Export.Pulumi.Proof.Hosts;

/// <summary>
/// A boot unit of a container can lose the cgroup v1 race (219/CGROUP), as the machines target knows: when that unit
/// is systemd-user-sessions, /run/nologin stays and the admin user cannot log in. Like the machines target, the proof
/// starts what failed at boot again (at most three times), from outside, since no one can log in yet. A container
/// matter, not the program's: on Azure the VM has its own kernel.
/// </summary>
public sealed class ContainerBootUnits(string nspawnPidFile)
{
    private const int MaxRestarts = 3;
    private int _restarts;

    /// <returns>The units restarted, or null when none failed (or the restarts are used up).</returns>
    public async Task<string?> RestartFailedAsync(CancellationToken ct)
    {
        if (_restarts >= MaxRestarts || !File.Exists(nspawnPidFile)) return null;
        var nspawn = File.ReadAllText(nspawnPidFile).Trim();
        // The container's init is systemd-nspawn's child.
        var leader = (await ProcessRunner.RunAsync("pgrep", ["-P", nspawn], ct: ct)).Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (leader is null) return null;
        var listed = await ProcessRunner.RunAsync("nsenter", ["-t", leader, "-a", "systemctl", "list-units", "--failed", "--no-legend", "--plain"],
            timeout: TimeSpan.FromSeconds(20), ct: ct);
        var units = listed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Split(' ')[0]).Where(u => u.Contains('.')).ToList();
        if (units.Count == 0) return null;
        _restarts++;
        var list = string.Join(' ', units);
        await ProcessRunner.RunAsync("nsenter", ["-t", leader, "-a", "sh", "-c", $"systemctl reset-failed {list}; systemctl restart {list}"],
            timeout: TimeSpan.FromSeconds(60), ct: ct);
        return list;
    }
}
