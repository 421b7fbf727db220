namespace Lab.Core.Services;

/// <summary>A program a service needs on the host, and the Debian package that provides it (what preflight checks).</summary>
public sealed record RequiredFile(string Path, string Package);

/// <summary>
/// Everything the tool knows about one service, in one place: how the local supervisor runs it, which systemd unit
/// drives it on a machine or VM, the Debian packages and files a host needs for it (used by preflight, the SSH
/// provisioner, the machine image, cloud-init and the installer's check), where it logs, and how it is stopped.
/// </summary>
/// <param name="Name">Name used in lab.yaml and scenarios.</param>
/// <param name="Command">Foreground command line for the local supervisor, run by <c>sh -c "exec ..."</c> inside the host.</param>
/// <param name="LogPath">File on the host that receives the service's stdout and stderr (scenarios read it).</param>
/// <param name="SystemdUnit">The distribution's unit for the same service on a systemd host.</param>
/// <param name="StopTimeout">How long a clean stop may take before it is reported as stuck.</param>
/// <param name="Packages">Debian packages a host running the service needs.</param>
/// <param name="Requires">Programs the local target checks for before it creates anything.</param>
/// <param name="SystemdFiles">Files a systemd host needs for the service that `lab render` does not produce (units).</param>
/// <param name="FirstBoot">Commands run once on a systemd host after packages and files are in place.</param>
/// <param name="SystemdExecStart">Replaces the distribution unit's ExecStart where its default would log or keep its pid elsewhere than the local supervisor's command does.</param>
/// <param name="SystemdRuntimeDirectory">A directory under /run that systemd makes for the service and keeps across stops (pid files, sockets).</param>
public sealed record ServiceSpec(
    string Name,
    string Command,
    string LogPath,
    string SystemdUnit,
    TimeSpan StopTimeout,
    IReadOnlyList<string> Packages,
    IReadOnlyList<RequiredFile> Requires,
    IReadOnlyList<PlumbingFile> SystemdFiles,
    IReadOnlyList<string[]> FirstBoot,
    string? SystemdExecStart = null,
    string? SystemdRuntimeDirectory = null);
