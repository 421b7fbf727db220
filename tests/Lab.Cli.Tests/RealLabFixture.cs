using System.Diagnostics;
using Lab.Cli.Tests.Support;
using Lab.Instances;

namespace Lab.Cli.Tests;

/// <summary>
/// One real lab on the local target (namespaces), brought up once through `lab up` for the tests of a class and taken
/// down at the end, under a generated name in a private state directory outside /tmp (lab hosts mount their own /tmp).
/// </summary>
public abstract class RealLabFixture : IAsyncLifetime
{
    private readonly string _state = Path.Combine("/var/lib/lab-tests", $"cli-{Guid.NewGuid():N}"[..12]);

    protected RealLabFixture(string lab)
    {
        Lab = lab;
        Instance = $"tcli{lab[..3]}-{Guid.NewGuid():N}"[..14];
        Cli = new CliRunner(layout: new LocalLayout(Path.Combine(_state, "state"), "/run/lab/ns", LocalLayout.Default.CacheRoot));
    }

    public string Lab { get; }
    public string Instance { get; }
    public CliRunner Cli { get; }

    /// <summary>What `lab up` printed and how it exited: a test that needs the lab shows it when the lab did not come up.</summary>
    public (int Exit, string Output) Up { get; private set; }

    public TimeSpan UpTime { get; private set; }

    /// <summary>Runs `lab ARGS --instance INSTANCE` at the given console width.</summary>
    public Task<(int ExitCode, string Output)> RunAsync(int width, params string[] args)
    {
        Cli.Width = width;
        var dash = Array.IndexOf(args, "--");
        string[] named = dash < 0 ? [.. args, "--instance", Instance] : [.. args[..dash], "--instance", Instance, .. args[dash..]];
        return Cli.RunAsync(named);
    }

    public void AssertUp() => Assert.True(Up.Exit == 0, $"`lab up {Lab}` exited {Up.Exit}:\n{Up.Output}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_state);
        var clock = Stopwatch.StartNew();
        Up = await RunAsync(1000, "up", Lab);
        UpTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        try { await Cli.RunAsync("down", "--instance", Instance); }
        finally
        {
            Cli.Dispose();
            try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
        }
    }
}

public sealed class ReplicationLabFixture() : RealLabFixture("replication");

public sealed class FailoverLabFixture() : RealLabFixture("failover");

/// <summary>Real labs share the two cores: one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RealLabsCollection : ICollectionFixture<ReplicationLabFixture>, ICollectionFixture<FailoverLabFixture>
{
    public const string Name = "real labs";
}
