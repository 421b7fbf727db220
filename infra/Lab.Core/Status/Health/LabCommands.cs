using Lab.Core.Hosts;

namespace Lab.Core.Status.Health;

/// <summary>
/// The `lab` command lines suggested to the user, for one instance: they name it (--instance, before any `--`) only
/// when the tool could not pick it by itself.
/// </summary>
public sealed record LabCommands(string Lab, string Instance, bool NameInstance)
{
    public static LabCommands For(LabStatus status) => new(status.Lab, status.Instance, status.NameInstanceInHints);

    private string Flag => NameInstance ? $" --instance {Instance}" : "";

    /// <summary>`lab start HOST`, naming the service unless it is the host's first (the default).</summary>
    public string Start(HostStatus host, string service, string? serverArgs = null) =>
        $"lab start {host.Name}" + (host.Services.Count > 0 && host.Services[0].Service == service ? "" : $" --service {service}") + Flag +
        (serverArgs is null ? "" : $" -- {serverArgs}");

    public string Sql(string host, string statement) => $"lab sql {host} \"{statement}\"{Flag}";

    public string Shell(string host, string command) => $"lab shell {host}{Flag} -- {command}";

    public string Log(string host, string path) => Shell(host, $"tail -n 20 {path}");

    public string Watch => $"lab status --watch{Flag}";

    public string Resume(HostStatus host, ServiceStatus service) => Shell(host.Name, $"kill -CONT {service.Pid}");

    /// <summary>The lab from scratch: what to do when its topology cannot be repaired by one command.</summary>
    public string Recreate => $"lab down{Flag} && lab up {Lab}" + (Instance == Lab ? "" : $" --instance {Instance}");
}
