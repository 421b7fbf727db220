namespace Lab.Core.Services;

/// <summary>
/// How a service runs on a host when the tool supervises it (local target): the foreground command,
/// where its output goes, and how it is stopped. On systemd hosts the <see cref="SystemdUnit"/> is used instead.
/// </summary>
/// <param name="Name">Name used in lab.yaml and scenarios.</param>
/// <param name="Command">Foreground command line, run by <c>sh -c "exec ..."</c> inside the host.</param>
/// <param name="LogPath">File on the host that receives the service's stdout and stderr.</param>
/// <param name="SystemdUnit">The distribution's unit for the same service.</param>
/// <param name="StopTimeout">How long a clean stop may take before it is reported as stuck.</param>
public sealed record ServiceSpec(string Name, string Command, string LogPath, string SystemdUnit, TimeSpan StopTimeout);
