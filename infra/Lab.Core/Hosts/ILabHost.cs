using Lab.Core.Model;

namespace Lab.Core.Hosts;

/// <summary>
/// Everything a scenario or the status reader may do to a host, whatever the target (namespaces, systemd machines,
/// VMs over SSH). Kept small on purpose: richer operations (SQL, status) are built on top of it.
/// </summary>
public interface ILabHost
{
    HostDefinition Definition { get; }

    string Name => Definition.Name;

    /// <summary>Runs a shell command inside the host as root; <paramref name="stdin"/> is fed to it when given.</summary>
    Task<CommandResult> RunAsync(string command, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default);

    /// <summary>
    /// Starts a shell command inside the host as root that keeps running, its standard input and outputs open to the
    /// caller (a SQL session's own <c>mariadb</c> client). The caller ends it by disposing it.
    /// </summary>
    Task<IHostProcess> StartProcessAsync(string command, CancellationToken ct = default);

    Task WriteFileAsync(string path, string content, string mode, string owner, CancellationToken ct = default);

    /// <summary>The file's text, or null when it does not exist.</summary>
    Task<string?> ReadFileAsync(string path, CancellationToken ct = default);

    /// <summary>Starts a service of the lab; <paramref name="extraArgs"/> are appended to its command (e.g. --wsrep-new-cluster).</summary>
    Task StartAsync(string service, IReadOnlyList<string>? extraArgs = null, CancellationToken ct = default);

    /// <summary>Clean shutdown; returns when the process has exited.</summary>
    Task StopAsync(string service, CancellationToken ct = default);

    /// <summary>SIGKILL, SIGSTOP or SIGCONT to the service's process; a killed service stays down until started.</summary>
    Task SignalAsync(string service, ServiceSignal signal, CancellationToken ct = default);

    Task<ServiceStatus> StatusAsync(string service, CancellationToken ct = default);

    /// <summary>
    /// Why a service is in the state it is, for an error message: the last lines of its own log (a systemd host adds the
    /// unit's state and journal, which say why a server that never logged did not start). Empty when nothing is known.
    /// </summary>
    async Task<string> ExplainServiceAsync(string service, CancellationToken ct = default)
    {
        var r = await RunAsync($"tail -n 5 {Services.ServiceCatalog.Get(service).LogPath} 2>/dev/null", timeout: TimeSpan.FromSeconds(10), ct: ct);
        return r.Stdout.TrimEnd();
    }

    /// <summary>Drops (true) or restores (false) all traffic between this host and the rest of the lab.</summary>
    Task SetIsolatedAsync(bool isolated, CancellationToken ct = default);

    /// <summary>
    /// Impairs what this host sends on its lab link (eth0) with netem: delay, jitter, loss, rate, replacing any earlier
    /// impairment; null removes it (already removed is fine). Throws <see cref="NetemUnavailableException"/> when the
    /// host's kernel has no netem.
    /// </summary>
    Task ImpairLinkAsync(LinkImpairment? impairment, CancellationToken ct = default);
}
