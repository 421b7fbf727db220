using Lab.Testing;

namespace GaleraRetry.Tests;

/// <summary>One 3-node Galera cluster behind HAProxy for all the tests of the class: started once, removed at the end.</summary>
public sealed class GaleraClusterFixture : IAsyncLifetime
{
    private readonly List<string> _log = [];

    public LabEnvironment Lab { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Lab = await LabEnvironment.StartAsync("galera", new LabEnvironmentOptions { Progress = Say });

    public async Task DisposeAsync()
    {
        if (Lab is not null) await Lab.DisposeAsync();
    }

    /// <summary>What the lab and the writer's retries said, for a failure message.</summary>
    public string Log()
    {
        lock (_log) return string.Join("\n", _log.TakeLast(60));
    }

    public void Say(string line)
    {
        lock (_log) _log.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
    }
}
