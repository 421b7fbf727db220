using System.Net;
using Lab.Core.Hosts;
using Lab.Core.Scenarios;
using Lab.Core.Status;
using Lab.Core.Waits;

namespace Lab.Testing;

/// <summary>
/// One host of a running lab, for faults on its main service (the first it runs: mariadbd on a Galera node, haproxy on
/// the balancer) and its network. Each fault is the scenario action of the same name.
/// </summary>
public sealed class HostControl
{
    private readonly LabEnvironment _lab;
    private readonly FaultActions _faults;

    internal HostControl(LabEnvironment lab, string name, FaultActions faults)
    {
        _lab = lab;
        _faults = faults;
        Name = name;
        Network = new HostNetworkControl(name, faults);
    }

    public string Name { get; }

    /// <summary>Cut and heal its network, impair its link.</summary>
    public HostNetworkControl Network { get; }

    /// <summary>The engine's own view of the host (run a command, SQL through its own client, read a file).</summary>
    public ILabHost Raw => _lab.Instance.Host(Name);

    /// <summary>127.0.0.1:port straight to this host's database.</summary>
    public IPEndPoint Endpoint => _lab.Endpoint(Name);

    /// <summary>SIGKILL to the main service: a crash. It stays down until <see cref="StartAsync"/>.</summary>
    public Task KillAsync(CancellationToken ct = default) => _faults.ServiceAsync(ServiceVerb.Kill, Name, ct);

    /// <summary>A clean shutdown; returns once the process has exited.</summary>
    public Task StopAsync(CancellationToken ct = default) => _faults.ServiceAsync(ServiceVerb.Stop, Name, ct);

    /// <summary>SIGSTOP: the process is frozen with its connections open (a hung server). Returns once it is stopped.</summary>
    public async Task PauseAsync(CancellationToken ct = default)
    {
        await _faults.ServiceAsync(ServiceVerb.Pause, Name, ct);
        await WaitStateAsync(ServiceState.Paused, ct);
    }

    /// <summary>SIGCONT after <see cref="PauseAsync"/>. Returns once it runs again.</summary>
    public async Task ResumeAsync(CancellationToken ct = default)
    {
        await _faults.ServiceAsync(ServiceVerb.Resume, Name, ct);
        await WaitStateAsync(ServiceState.Running, ct);
    }

    /// <summary>
    /// Starts the main service again (a Galera node rejoins by IST or SST); <paramref name="args"/> are added to its
    /// command line (e.g. --wsrep-new-cluster). Returns once started; <see cref="WaitHealthyAsync"/> waits for it to serve.
    /// </summary>
    public Task StartAsync(IReadOnlyList<string>? args = null, CancellationToken ct = default) => _faults.StartAsync(Name, args ?? [], ct);

    /// <summary>The state of the host's main service: running, stopped, paused.</summary>
    public async Task<ServiceStatus> ServiceStatusAsync(CancellationToken ct = default)
    {
        var host = Raw;
        return await host.StatusAsync(host.Definition.Services.FirstOrDefault() ?? throw new InvalidOperationException($"{Name} runs no service"), ct);
    }

    // A signal is delivered asynchronously: the kernel shows the new state a moment later.
    private async Task WaitStateAsync(ServiceState state, CancellationToken ct) =>
        await Until.Real.Paced(_lab.Instance.Pace).HoldsAsync($"{Name}: main service {state}", async c =>
        {
            var now = await ServiceStatusAsync(c);
            return new ProbeResult(now.State == state, now.ToString());
        }, WaitPolicy.Within(StateChange), ct);

    private static readonly TimeSpan StateChange = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Waits until nothing in the lab's health rule stands against this host (Synced, HAProxy's backend UP...), as
    /// `lab start HOST --wait` does; throws <see cref="LabNotHealthyException"/> naming what remains after the timeout.
    /// </summary>
    public async Task WaitHealthyAsync(TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var limit = timeout ?? LabEnvironment.DefaultHealthTimeout;
        var outcome = await new HostHealthWait(_lab.Instance, Until.Real.Paced(_lab.Instance.Pace)).WaitAsync(Name, limit, _lab.Note, ct);
        if (!outcome.Healthy)
            throw new LabNotHealthyException($"{Name} of instance '{_lab.Name}' is not healthy after {limit.TotalSeconds:0}s", outcome.Remaining);
    }
}
