using Lab.Instances;
using Lab.Core.Hosts;
using Lab.Core.Model;

namespace Lab.Targets.Local;

/// <summary>A host of a local instance: commands run inside its namespaces through nsenter.</summary>
public sealed class LocalHost(LocalLayout layout, string instance, HostDefinition definition) : ILabHost
{
    private readonly ServiceSupervisor _services = new(layout, instance, definition.Name);

    public HostDefinition Definition { get; } = definition;

    public string Name => Definition.Name;

    /// <summary>Arguments for `nsenter` that run a program inside this host.</summary>
    public IReadOnlyList<string> EnterArgs => layout.EnterHost(instance, Name);

    /// <summary>
    /// `nsenter` arguments for `lab shell`: an interactive root shell when <paramref name="words"/> is empty, else the
    /// words run as one program with its arguments, each word exactly as given (no shell splits or expands them again).
    /// </summary>
    public IReadOnlyList<string> ShellArgs(IReadOnlyList<string> words) =>
        [.. EnterArgs, "env", "HOME=/root", RootPath, "PS1=root@\\h:\\w# ", .. words.Count == 0 ? ["bash", "--norc", "-i"] : words];

    public Task<CommandResult> RunAsync(string command, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default) =>
        ProcessRunner.RunAsync("nsenter", ShellCommand(command), stdin, timeout ?? TimeSpan.FromSeconds(60), ct);

    public Task<IHostProcess> StartProcessAsync(string command, CancellationToken ct = default) =>
        Task.FromResult<IHostProcess>(PipedProcess.Start("nsenter", ShellCommand(command)));

    /// <summary>root's PATH on Debian, as an ssh login gives it: /usr/local/sbin first, where the host's systemctl is (see ServiceShims).</summary>
    private const string RootPath = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /// <summary>`nsenter` arguments that run <paramref name="command"/> with sh inside the host, in a clean root environment.</summary>
    private IReadOnlyList<string> ShellCommand(string command) =>
        [.. EnterArgs, "env", "-i", "HOME=/root", "LANG=C.UTF-8", RootPath, "sh", "-c", command];

    public async Task WriteFileAsync(string path, string content, string mode, string owner, CancellationToken ct = default)
    {
        var q = Quote(path);
        var result = await RunAsync($"mkdir -p \"$(dirname {q})\" && cat > {q} && chmod {mode} {q} && chown {owner} {q}", content, ct: ct);
        if (!result.Ok) throw new HostCommandException(Name, $"write {path}", result);
    }

    public async Task<string?> ReadFileAsync(string path, CancellationToken ct = default)
    {
        var result = await RunAsync($"[ -e {Quote(path)} ] || exit 3; cat {Quote(path)}", ct: ct);
        return result.ExitCode switch
        {
            0 => result.Stdout,
            3 => null,
            _ => throw new HostCommandException(Name, $"read {path}", result),
        };
    }

    public Task StartAsync(string service, IReadOnlyList<string>? extraArgs = null, CancellationToken ct = default) =>
        _services.StartAsync(service, extraArgs, ct);

    public Task StopAsync(string service, CancellationToken ct = default) => _services.StopAsync(service, ct);

    public Task SignalAsync(string service, ServiceSignal signal, CancellationToken ct = default) => _services.SignalAsync(service, signal, ct);

    public Task<ServiceStatus> StatusAsync(string service, CancellationToken ct = default) => Task.FromResult(_services.Status(service));

    /// <summary>
    /// nftables inside the host's own namespace drops everything but loopback, in and out: the host is cut off as if
    /// its cable were pulled, while its processes keep running (a partition, not a crash).
    /// </summary>
    public async Task SetIsolatedAsync(bool isolated, CancellationToken ct = default)
    {
        const string table = "inet lab_isolation";
        var command = isolated
            ? $"nft -f - <<'EOF'\ntable {table} {{\n  chain input {{ type filter hook input priority -10; policy drop; iif lo accept; }}\n  chain output {{ type filter hook output priority -10; policy drop; oif lo accept; }}\n}}\nEOF"
            : $"nft delete table {table} 2>/dev/null || true";
        var result = await RunAsync(command, ct: ct);
        if (!result.Ok) throw new HostCommandException(Name, isolated ? "cut network" : "heal network", result);
    }

    /// <summary>netem on the host's end of its veth, inside its own network namespace: only this host's traffic is touched.</summary>
    public Task ImpairLinkAsync(LinkImpairment? impairment, CancellationToken ct = default) => NetemLink.ImpairAsync(this, impairment, ct);

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
