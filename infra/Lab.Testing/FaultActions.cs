using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Scenarios;
using Lab.Core.Waits;

namespace Lab.Testing;

/// <summary>
/// Carries out faults as the scenario engine's own actions (kill, stop, start, pause, resume, isolate, impair), through
/// its <see cref="ActionExecutor"/>: a fault from a test does exactly what the same line in a scenario file does.
/// </summary>
internal sealed class FaultActions(Func<LabInstance> instance, Action<string> note)
{
    /// <summary>Line 0: the action comes from code, not from a scenario file.</summary>
    private const int FromCode = 0;

    public Task ServiceAsync(ServiceVerb verb, string host, CancellationToken ct) => RunAsync(new ServiceAction(FromCode, verb, [host]), ct);

    public Task StartAsync(string host, IReadOnlyList<string> args, CancellationToken ct) => RunAsync(new StartAction(FromCode, [host], args), ct);

    public Task IsolateAsync(string host, bool isolate, CancellationToken ct) => RunAsync(new IsolateAction(FromCode, [host], isolate), ct);

    public async Task ImpairAsync(string host, LinkImpairment? impairment, CancellationToken ct)
    {
        try
        {
            await RunAsync(new ImpairAction(FromCode, [host], impairment), ct);
        }
        catch (NetemUnavailableException e)
        {
            throw new LabFeatureNotSupportedException(e.Message, e);
        }
    }

    private async Task RunAsync(ScenarioAction action, CancellationToken ct)
    {
        var lab = instance();
        // A context of its own per fault: a test's faults last until the test undoes them (or the instance goes), they
        // are not undone at the end of a "run" the way a scenario's are.
        var executor = new ActionExecutor(new RunContext(lab), Until.Real.Paced(lab.Pace), TimeProvider.System, note);
        note(action.Describe());
        await executor.RunAsync(action, ct);
    }
}
