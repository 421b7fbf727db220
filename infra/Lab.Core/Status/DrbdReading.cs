using Lab.Core.Hosts;

namespace Lab.Core.Status;

/// <summary>One node of a DRBD pair: its DRBD role (what `drbdadm role` says first) and whether MariaDB runs on it.</summary>
public sealed record DrbdReading(string Role, bool MariaDbRunning)
{
    public const string PrimaryRole = "Primary";

    // One round trip: the role of the lab's resource(s) ("Primary/Secondary": local/peer), then systemd's word for mariadb.
    public const string Command = "drbdadm role all 2>&1 | head -n 1; systemctl is-active mariadb 2>&1 || true";

    public bool IsPrimary => Role == PrimaryRole;

    public static async Task<DrbdReading> ReadAsync(ILabHost host, CancellationToken ct)
    {
        var r = await host.RunAsync(Command, timeout: TimeSpan.FromSeconds(10), ct: ct);
        if (!r.Ok) throw new HostCommandException(host.Name, Command, r);
        return Parse(r.Stdout);
    }

    public static DrbdReading Parse(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var role = lines.Length > 0 ? lines[0].Split('/')[0] : "";
        // drbdadm's own complaint (no such resource, module not loaded) is no role.
        if (role.Contains(' ') || role.Length == 0) role = "unknown";
        return new DrbdReading(role, lines.Length > 1 && lines[1] == "active");
    }

    public override string ToString() => $"DRBD {Role}, mariadb {(MariaDbRunning ? "running" : "not running")}";
}
