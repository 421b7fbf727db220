using System.Diagnostics;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Instances;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// One real lab for all tests of a collection: brought up once, torn down at the end. A start-up failure is kept and
/// shown by every test that needed the lab, instead of a cascade of unrelated errors.
/// </summary>
/// <param name="bare">`lab up --bare`: the hosts as installed, the lab left to build by hand.</param>
public abstract class LocalLabFixture(string lab, string prefix, bool bare = false) : IAsyncLifetime
{
    /// <summary>
    /// Generated: other runs (and people's own labs) may be up on the same machine. LAB_TEST_INSTANCE_PREFIX replaces
    /// the prefix, so people sharing a machine can tell whose instances are whose.
    /// </summary>
    public string InstanceName { get; } = (Environment.GetEnvironmentVariable("LAB_TEST_INSTANCE_PREFIX") is { Length: > 0 } own ? own : prefix) +
                                          Guid.NewGuid().ToString("N")[..6];

    public LabCatalog Catalog { get; } = LabCatalog.Locate();
    public LocalLayout Layout { get; } = LocalLayout.Default;
    public LocalTarget Target => new(Catalog, Layout);
    public LabDefinition Lab => Catalog.Load(lab);
    public TimeSpan UpTime { get; private set; }
    public List<string> Progress { get; } = [];

    private LabInstance? _instance;
    private Exception? _startupError;

    public LabInstance Instance => _instance ?? throw new InvalidOperationException($"the {lab} lab did not come up: {_startupError}");

    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            _instance = await Target.UpAsync(new Lab.Core.Targets.UpRequest(Lab, InstanceName, Bare: bare), m => { lock (Progress) Progress.Add(m); }, CancellationToken.None);
            UpTime = clock.Elapsed;
        }
        catch (Exception e)
        {
            _startupError = e;
        }
    }

    public async Task DisposeAsync() => await Target.DownAsync(InstanceName, CancellationToken.None);
}
