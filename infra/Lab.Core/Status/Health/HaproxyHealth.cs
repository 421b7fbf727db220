using Lab.Core.Hosts;
using Lab.Core.Services;

namespace Lab.Core.Status.Health;

/// <summary>HAProxy sends clients to every backend: each is UP after a passed check.</summary>
public sealed class HaproxyHealth : IHealthRule
{
    public string Demands => "every HAProxy backend UP";

    public IEnumerable<HealthProblem> Check(LabStatus status, LabCommands commands)
    {
        foreach (var proxy in status.Hosts.Where(h => h.Backends is not null))
        {
            if (!proxy.Backends!.Ok)
            {
                // A stopped HAProxy is the services rule's to report.
                if (proxy.Service(ServiceCatalog.HaProxy)?.State == ServiceState.Running)
                    yield return new HealthProblem(proxy.Name, "HAProxy's stats socket did not answer",
                        commands.Log(proxy.Name, ServiceCatalog.Get(ServiceCatalog.HaProxy).LogPath)) { Detail = proxy.Backends.Missing!.Reason };
                continue;
            }
            foreach (var backend in proxy.Backends.Value.Where(b => !b.IsUp))
                yield return new HealthProblem(proxy.Name,
                    $"HAProxy has {backend.Server} {backend.Status}" + (Check(backend) is { Length: > 0 } check ? $" (check {check})" : ""),
                    commands.Watch, About: backend.Server);
        }
    }

    // "* L7STS" while a check is under way: the result is what matters, not whether it is being redone.
    private static string Check(Lab.Core.Haproxy.HaproxyBackend backend) => backend.CheckStatus.TrimStart('*', ' ');
}
