using Lab.Core.BringUp;
using System.Diagnostics;
using Lab.Core.Galera;
using Lab.Core.Scenarios;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Services;
using Lab.Core.Status;
using Lab.Core.Targets;
using Lab.Core.Waits;
using Lab.Instances;

namespace Lab.Conformance;

/// <summary>
/// Brings the labs up on one target for the conformance suite, one lab at a time, in a private state directory under
/// generated instance names. Before each scenario the lab is brought to its starting state the way `lab run` does it: a
/// Galera lab heals in place; a replication lab (whose topology a scenario changes) is recreated.
/// </summary>
public abstract class ConformanceFixture : IAsyncLifetime
{
    private readonly string _state = TestStateRoot.Create("conformance-");
    private readonly string _run = Guid.NewGuid().ToString("N")[..5];
    private LabInstance? _current;

    protected ConformanceFixture() =>
        Layout = new LocalLayout(Path.Combine(_state, "state"), "/run/lab/ns", LocalLayout.Default.CacheRoot); // shared caches: seed datadir, machine image

    public LocalLayout Layout { get; }
    public LabCatalog Catalog { get; } = new(RepoRoot.Path);
    public ILabTarget Target => _target ??= CreateTarget(Catalog, Layout);
    private ILabTarget? _target;

    /// <summary>Every line the bring-ups printed, for a failure message.</summary>
    public List<string> Progress { get; } = [];

    protected abstract ILabTarget CreateTarget(LabCatalog catalog, LocalLayout layout);

    /// <summary>Why this target cannot run here (null when it can): the tests then fail with this reason.</summary>
    public virtual string? WhyUnavailable => null;

    /// <summary>How long the fixture may take to bring a lab up (the machines target may first build its image).</summary>
    protected virtual TimeSpan UpTimeout => TimeSpan.FromMinutes(15); // a mixed lab boots VMs, under emulation minutes

    public string InstanceFor(string lab) => $"cf{_run}-{lab[..3]}";

    /// <summary>
    /// The lab at its starting state, and how long getting there took, as `lab run` does it (<see cref="BetweenScenariosRule"/>):
    /// a Galera lab is healed in place, a replication lab brought up afresh, a lab whose scenarios reset themselves kept.
    /// </summary>
    public async Task<(LabInstance Instance, TimeSpan Took, string How)> PrepareAsync(string lab, Action<string> note, CancellationToken ct)
    {
        if (WhyUnavailable is { } why) throw new InvalidOperationException($"the {Target.Name} target cannot run here: {why}");
        var clock = Stopwatch.StartNew();
        string how;
        var between = BetweenScenariosRule.For(Catalog.Load(lab));
        if (_current is not null && _current.Lab.Name == lab && between == BetweenScenarios.HealInPlace)
        {
            await new HealthRestorer(_current, Until.Real, note).RestoreAsync(ct);
            how = "healed in place";
        }
        else if (_current is not null && _current.Lab.Name == lab && between == BetweenScenarios.Keep)
            how = "kept (its scenarios reset what they change)";
        else if (_current is not null && _current.Lab.Name == lab && between == BetweenScenarios.RestoreSteps)
        {
            await new LabStepRunner(_current, Until.Real).RunAllAsync(_current.Lab.Restore, note, ct);
            how = "restored in place (its restore steps)";
        }
        else
        {
            await DownCurrentAsync();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(UpTimeout);
            var definition = Catalog.Load(lab);
            _current = await Target.UpAsync(new UpRequest(definition, InstanceFor(lab)), m => { lock (Progress) Progress.Add(m); note(m); }, limit.Token);
            how = "up";
            var status = await LabStatusReader.ReadAsync(_current, ct);
            if (!status.Healthy)
                throw new InvalidOperationException($"{lab} on {Target.Name}: not healthy right after up: " + string.Join("; ", status.Problems));
        }
        return (_current, clock.Elapsed, how);
    }

    private async Task DownCurrentAsync()
    {
        if (_current is null) return;
        var name = _current.Name;
        _current = null;
        await Target.DownAsync(name, CancellationToken.None);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try
        {
            await DownCurrentAsync();
            // Anything a failed up left under this run's names.
            foreach (var lab in Catalog.LabNames)
                if (Reaper.ExistingInstances(Layout).Contains(InstanceFor(lab)))
                    await Target.DownAsync(InstanceFor(lab), CancellationToken.None);
        }
        finally
        {
            try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
        }
    }
}
