using Lab.Core.Hosts;
using Lab.Core.Services;

namespace Lab.Core.Status.Health;

/// <summary>Every service of every host runs (neither stopped nor paused): the part of the health rule every lab has.</summary>
public sealed class ServicesHealth : IHealthRule
{
    public string Demands => "every service running";

    public IEnumerable<HealthProblem> Check(LabStatus status, LabCommands commands)
    {
        var galeraNodes = status.Hosts.Where(h => h.Service(ServiceCatalog.Galera) is not null).ToList();
        var wholeClusterDown = galeraNodes.Count > 0 && galeraNodes.All(h => h.Service(ServiceCatalog.Galera)!.State == ServiceState.Stopped);
        foreach (var host in status.Hosts)
            foreach (var service in host.Services.Where(s => s.State != ServiceState.Running))
                yield return service.State == ServiceState.Paused
                    ? new HealthProblem(host.Name, $"{service.Service} is paused (SIGSTOP)", commands.Resume(host, service))
                    : service.Service == ServiceCatalog.Galera && wholeClusterDown
                        // A lone node started normally waits for a Primary component that no longer exists.
                        ? new HealthProblem(host.Name, "galera is stopped, as on every node: bootstrap the cluster from the node with the highest " +
                                                       "committed seqno (mariadbd --wsrep-recover), then start the others",
                            commands.Shell(host.Name, "cat /var/lib/mysql/grastate.dat"))
                        : new HealthProblem(host.Name, $"{service.Service} is stopped", commands.Start(host, service.Service));
    }
}
