using System.Diagnostics;
using Lab.Cli.Tests.Support;
using Lab.Instances;

namespace Lab.Cli.Tests;

/// <summary>One real lab instance, driven through the `lab` command tree.</summary>
/// <param name="json">Brought up with `lab up --json`: <see cref="UpJson"/> keeps its standard output, <see cref="Up"/> its standard error.</param>
public sealed class RealLab(CliRunner cli, string lab, bool json = false)
{
    public string Lab { get; } = lab;
    public string Instance { get; } = $"tcli{lab[..3]}-{Guid.NewGuid():N}"[..14];

    /// <summary>What `lab up` printed and how it exited: a test that needs the lab shows it when the lab did not come up.</summary>
    public (int Exit, string Output) Up { get; private set; } = (-1, "not brought up");

    public TimeSpan UpTime { get; private set; }

    /// <summary>What `lab up --json` printed on standard output (null unless brought up with json).</summary>
    public string? UpJson { get; private set; }

    /// <summary>Runs `lab ARGS --instance INSTANCE` (the option before any `--`) at the given console width.</summary>
    public Task<(int ExitCode, string Output)> RunAsync(int width, params string[] args)
    {
        cli.Width = width;
        var dash = Array.IndexOf(args, "--");
        string[] named = dash < 0 ? [.. args, "--instance", Instance] : [.. args[..dash], "--instance", Instance, .. args[dash..]];
        return cli.RunAsync(named);
    }

    public void AssertUp() => Assert.True(Up.Exit == 0, $"`lab up {Lab}` exited {Up.Exit}:\n{Up.Output}");

    public async Task UpAsync()
    {
        var clock = Stopwatch.StartNew();
        if (json)
        {
            cli.Width = 1000;
            var (exit, stdout, stderr) = await cli.RunSplitAsync("up", Lab, "--json", "--instance", Instance);
            (Up, UpJson) = ((exit, stderr), stdout);
        }
        else Up = await RunAsync(1000, "up", Lab);
        UpTime = clock.Elapsed;
    }

    public Task DownAsync() => cli.RunAsync("down", "--instance", Instance);

    /// <summary>Runs `lab ARGS --instance INSTANCE` with standard output and standard error apart.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunSplitAsync(params string[] args) => cli.RunSplitAsync([.. args, "--instance", Instance]);

    /// <summary>The state directories this lab's instance lives in.</summary>
    public LocalLayout Layout => cli.Layout;
}

/// <summary>
/// A real replication lab, a real failover lab and a real galera lab (this one with `lab up --json`) on the local
/// target (namespaces), brought up one after the other through `lab up` and taken down at the end, under generated names in one private state directory outside /tmp
/// (lab hosts mount their own /tmp). One state directory and one `up` at a time: subnets are claimed under its lock.
/// </summary>
public sealed class RealLabsFixture : IAsyncLifetime
{
    private readonly string _state = Path.Combine("/var/lib/lab-tests", $"cli-{Guid.NewGuid():N}"[..12]);
    private readonly CliRunner _cli;

    public RealLabsFixture()
    {
        _cli = new CliRunner(layout: new LocalLayout(Path.Combine(_state, "state"), "/run/lab/ns", LocalLayout.Default.CacheRoot));
        Replication = new RealLab(_cli, "replication");
        Failover = new RealLab(_cli, "failover");
        Galera = new RealLab(_cli, "galera", json: true);
    }

    public RealLab Replication { get; }
    public RealLab Failover { get; }
    public RealLab Galera { get; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_state);
        await Replication.UpAsync();
        await Failover.UpAsync();
        await Galera.UpAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Replication.DownAsync();
            await Failover.DownAsync();
            await Galera.DownAsync();
        }
        finally
        {
            _cli.Dispose();
            try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
        }
    }
}
