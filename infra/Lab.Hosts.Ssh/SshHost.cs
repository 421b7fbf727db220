using Lab.Core.Hosts;
using Lab.Core.Model;
using Lab.Core.Services;
using Lab.Core.Waits;
using Lab.Hosts.Ssh.Inventory;
using Lab.Hosts.Ssh.Transport;

namespace Lab.Hosts.Ssh;

/// <summary>
/// A lab host that is a machine with systemd, reached with the system OpenSSH client. On a slow host (a VM under
/// emulation: <paramref name="pace"/> &gt; 1) every command gets that many times its timeout.
/// </summary>
public sealed class SshHost(HostDefinition definition, InventoryHost endpoint, SshRunner ssh, double pace = 1) : ILabHost
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public HostDefinition Definition { get; } = definition;

    public string Name => Definition.Name;

    public InventoryHost Endpoint => endpoint;

    /// <summary>
    /// The ssh arguments for `lab shell`: an interactive login with a terminal when <paramref name="words"/> is empty, else
    /// the words run as one program with its arguments. sshd hands the remote command line to a shell, so each word is
    /// quoted on its own: `mariadb -e 'SELECT @@hostname'` arrives as three words, not four.
    /// </summary>
    public IReadOnlyList<string> ShellArguments(IReadOnlyList<string> words) =>
        words.Count == 0
            ? ssh.Arguments.For(endpoint, tty: true)
            : [.. ssh.Arguments.For(endpoint, tty: false), SshArguments.RemoteCommand(endpoint, string.Join(' ', words.Select(SshArguments.Quote)))];

    public Task<CommandResult> RunAsync(string command, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default) =>
        ssh.RunAsync(endpoint, command, stdin, (timeout ?? DefaultTimeout) * pace, ct);

    public Task<IHostProcess> StartProcessAsync(string command, CancellationToken ct = default) => Task.FromResult(ssh.Start(endpoint, command));

    public async Task WriteFileAsync(string path, string content, string mode, string owner, CancellationToken ct = default)
    {
        var q = SshArguments.Quote(path);
        // Written beside the target and renamed, so a reader never sees half a file; mode is set before content lands.
        var script = $"set -e; mkdir -p \"$(dirname {q})\"; t={q}.lab-tmp; rm -f \"$t\"; (umask 077; : > \"$t\"); chmod {mode} \"$t\"; " +
                     $"cat > \"$t\"; chown {owner} \"$t\"; mv -f \"$t\" {q}";
        var result = await RunAsync(script, content, ct: ct);
        if (!result.Ok) throw new HostCommandException(Name, $"write {path}", result);
    }

    /// <summary>
    /// Several files in one ssh round trip, each written as <see cref="WriteFileAsync"/> writes one (beside the target,
    /// mode first, then renamed). Provisioning a host writes a dozen files: on a slow link or an emulated VM each round
    /// trip costs seconds.
    /// </summary>
    public async Task WriteFilesAsync(IReadOnlyList<(string Path, string Content, string Mode, string Owner)> files, CancellationToken ct = default)
    {
        if (files.Count == 0) return;
        var script = new System.Text.StringBuilder("set -e\n");
        foreach (var (path, content, mode, owner) in files)
        {
            var q = SshArguments.Quote(path);
            script.Append($"mkdir -p \"$(dirname {q})\"; t={q}.lab-tmp; rm -f \"$t\"; (umask 077; : > \"$t\"); chmod {mode} \"$t\"\n");
            script.Append($"base64 -d > \"$t\" <<'LAB_FILE_END'\n{Base64Lines(content)}\nLAB_FILE_END\n");
            script.Append($"chown {owner} \"$t\"; mv -f \"$t\" {q}\n");
        }
        var result = await RunAsync("sh -s", script.ToString(), ct: ct);
        if (!result.Ok) throw new HostCommandException(Name, $"write {files.Count} files ({string.Join(", ", files.Select(f => f.Path))})", result);
    }

    /// <summary>Base64 in lines of 76 ending in \n only (.NET's own line breaks are \r\n, which `base64 -d` refuses).</summary>
    internal static string Base64Lines(string content)
    {
        var all = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(content));
        return string.Join('\n', Enumerable.Range(0, (all.Length + 75) / 76).Select(i => all.Substring(i * 76, Math.Min(76, all.Length - i * 76))));
    }

    public async Task<string?> ReadFileAsync(string path, CancellationToken ct = default)
    {
        var q = SshArguments.Quote(path);
        var result = await RunAsync($"[ -e {q} ] || exit 3; cat {q}", ct: ct);
        return result.ExitCode switch
        {
            0 => result.Stdout,
            3 => null,
            _ => throw new HostCommandException(Name, $"read {path}", result),
        };
    }

    public async Task StartAsync(string service, IReadOnlyList<string>? extraArgs = null, CancellationToken ct = default)
    {
        var current = await StatusAsync(service, ct);
        if (current.State != ServiceState.Stopped && !SystemdUnits.IsSocket(service))
            throw new Lab.Core.Errors.LabException($"{Name}: {service} is already {current}");
        var spec = ServiceCatalog.Get(service);
        // A joiner's start returns when it is Synced (Type=notify), after its state transfer.
        var result = await RunAsync(SystemdUnits.StartScript(service, extraArgs), timeout: spec.StopTimeout * 5, ct: ct);
        if (result.Ok) return;
        // The server ran and exited (e.g. Galera refusing an unsafe bootstrap): as on every target, starting it
        // succeeded and what follows shows in its state and log. Anything else (no such unit...) is an error here.
        if (await UnitFailedAsync(service, ct)) return;
        throw await StartFailureAsync(service, result, ct);
    }

    public async Task StopAsync(string service, CancellationToken ct = default)
    {
        var unit = SystemdUnits.UnitOf(service);
        // A paused server cannot shut down: let it run first.
        var result = await RunAsync($"systemctl kill -s CONT {unit} 2>/dev/null; systemctl stop {unit}", timeout: ServiceCatalog.Get(service).StopTimeout, ct: ct);
        if (!result.Ok) throw new HostCommandException(Name, $"systemctl stop {unit}", result);
    }

    public async Task SignalAsync(string service, ServiceSignal signal, CancellationToken ct = default)
    {
        var status = await StatusAsync(service, ct);
        if (status.State == ServiceState.Stopped) throw new Lab.Core.Errors.LabException($"{Name}: {service} is not running");
        var unit = SystemdUnits.UnitOf(service);
        var name = signal switch { ServiceSignal.Kill => "KILL", ServiceSignal.Pause => "STOP", _ => "CONT" };
        // The main process only, as `kill -9 <pid>` would: systemd then stops what is left of the unit itself. (Signalling
        // the whole cgroup fails with EIO inside a container on a cgroup v1 host, after the main process got it.)
        var result = await RunAsync($"systemctl kill --kill-who=main -s {name} {unit}", timeout: TimeSpan.FromSeconds(15), ct: ct);
        if (!result.Ok) throw new HostCommandException(Name, $"systemctl kill -s {name} {unit}", result);
        if (signal != ServiceSignal.Kill) return;
        await Until.Real.HoldsAsync($"{Name}: {unit} to be down after SIGKILL", async c =>
        {
            var s = await StatusAsync(service, c);
            return new ProbeResult(s.State == ServiceState.Stopped, s.ToString());
        }, new WaitPolicy(TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50)), ct);
    }

    public async Task<ServiceStatus> StatusAsync(string service, CancellationToken ct = default)
    {
        var result = await RunAsync(SystemdUnits.StatusScript(service), timeout: TimeSpan.FromSeconds(15), ct: ct);
        if (!result.Ok) throw new HostCommandException(Name, $"systemctl show {SystemdUnits.UnitOf(service)}", result);
        return SystemdStatus.Parse(service, result.Stdout);
    }

    public async Task<string> ExplainServiceAsync(string service, CancellationToken ct = default)
    {
        var unit = SystemdUnits.UnitOf(service);
        var r = await RunAsync($"systemctl show -p ActiveState -p SubState -p Result -p ExecMainStatus {unit} | paste -sd ' '; " +
                               $"journalctl -u {unit} -n 6 --no-pager -q 2>/dev/null; tail -n 5 {ServiceCatalog.Get(service).LogPath} 2>/dev/null",
            timeout: TimeSpan.FromSeconds(15), ct: ct);
        return r.Stdout.TrimEnd();
    }

    /// <summary>
    /// nftables on the host drops all traffic in and out except loopback and SSH on its port: the host is cut off from
    /// the lab (a partition, its processes keep running) while the tool can still reach it to heal it.
    /// </summary>
    public async Task SetIsolatedAsync(bool isolated, CancellationToken ct = default)
    {
        const string table = "inet lab_isolation";
        var port = endpoint.Port;
        var command = isolated
            ? $"nft -f - <<'EOF'\ntable {table} {{\n" +
              $"  chain input {{ type filter hook input priority -10; policy drop; iif lo accept; tcp dport {port} accept; }}\n" +
              $"  chain output {{ type filter hook output priority -10; policy drop; oif lo accept; tcp sport {port} accept; }}\n}}\nEOF"
            : $"nft delete table {table} 2>/dev/null || true";
        var result = await RunAsync(command, ct: ct);
        if (!result.Ok) throw new HostCommandException(Name, isolated ? "cut network" : "heal network", result);
    }

    /// <summary>
    /// netem on the machine's eth0. It also slows the tool's own SSH replies from this host (unlike isolate, which keeps
    /// SSH open), so removing it takes a little longer under heavy loss; the loader refuses 100% loss for that reason.
    /// </summary>
    public Task ImpairLinkAsync(LinkImpairment? impairment, CancellationToken ct = default) => NetemLink.ImpairAsync(this, impairment, ct);

    private async Task<bool> UnitFailedAsync(string service, CancellationToken ct)
    {
        var r = await RunAsync($"systemctl show -p ActiveState --value {SystemdUnits.UnitOf(service)}", timeout: TimeSpan.FromSeconds(15), ct: ct);
        return r.Ok && r.Stdout.Trim() == "failed";
    }

    private async Task<Exception> StartFailureAsync(string service, CommandResult result, CancellationToken ct)
    {
        // systemctl only says "see journalctl"; the unit's journal and the server's own last words say why.
        var tail = await ExplainServiceAsync(service, ct);
        return new HostCommandException(Name, $"systemctl start {SystemdUnits.UnitOf(service)}",
            result with { Stderr = result.Stderr + (tail.Length > 0 ? "\n" + tail : "") });
    }
}
