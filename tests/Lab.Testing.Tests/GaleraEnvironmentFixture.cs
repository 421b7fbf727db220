namespace Lab.Testing.Tests;

/// <summary>
/// One galera lab for the tests of <see cref="GaleraEnvironmentCollection"/>, started through the library as an
/// application's tests would. A start-up failure is kept and shown by every test that needed the lab.
/// </summary>
public sealed class GaleraEnvironmentFixture : IAsyncLifetime
{
    private LabEnvironment? _lab;
    private Exception? _startupError;

    public List<string> Progress { get; } = [];

    public LabEnvironment Lab => _lab ?? throw new InvalidOperationException($"the galera lab did not come up: {_startupError}");

    public async Task InitializeAsync()
    {
        try
        {
            _lab = await LabEnvironment.StartAsync("galera", new LabEnvironmentOptions { Progress = Say });
        }
        catch (Exception e)
        {
            _startupError = e;
        }
    }

    public async Task DisposeAsync()
    {
        if (_lab is not null) await _lab.DisposeAsync();
    }

    /// <summary>The lines so far, for a failure message.</summary>
    public string Log()
    {
        lock (Progress) return string.Join("\n", Progress.TakeLast(40));
    }

    private void Say(string line)
    {
        lock (Progress) Progress.Add(line);
    }
}

[CollectionDefinition(Name)]
public sealed class GaleraEnvironmentCollection : ICollectionFixture<GaleraEnvironmentFixture>
{
    public const string Name = "galera environment";
}
