using Lab.Core.Instances;
using Lab.Core.Services;
using Lab.Core.Workload;

namespace Lab.Core.Scenarios;

/// <summary>What a scenario run carries between steps: log marks and the running writer.</summary>
public sealed class RunContext(LabInstance instance)
{
    private readonly Dictionary<string, long> _marks = new();

    public LabInstance Instance { get; } = instance;
    public WriteWorkload? Workload { get; set; }
    public WorkloadReport? WorkloadReport { get; set; }

    public long MarkOf(string host) => _marks.GetValueOrDefault(host);
    public void SetMark(string host, long offset) => _marks[host] = offset;

    /// <summary>The log of the host's main service (its first), e.g. /var/log/mysql/error.log on a database node.</summary>
    public string LogOf(string host)
    {
        var service = Instance.Host(host).Definition.Services.FirstOrDefault()
            ?? throw new Lab.Core.Errors.LabInputException($"{host} runs no service, so it has no service log");
        return ServiceCatalog.Get(service).LogPath;
    }
}
