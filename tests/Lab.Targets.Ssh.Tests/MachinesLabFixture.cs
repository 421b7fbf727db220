using System.Diagnostics;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Targets.Local;
using Lab.Targets.Ssh.Machines;

namespace Lab.Targets.Ssh.Tests;

/// <summary>
/// One galera lab on the machines target for the whole collection: the cached image (built when missing), five
/// containers, the ssh target's bring-up. A startup failure is kept and shown by every test that needed the lab.
/// Private state directory and a random instance name, so it never meets another agent's or user's instance.
/// </summary>
public sealed class MachinesLabFixture : IAsyncLifetime
{
    private readonly string _state = Directory.CreateTempSubdirectory("lab-machines-tests-").FullName;

    public LocalLayout Layout { get; }
    public string InstanceName { get; } = "sshit-" + Guid.NewGuid().ToString("N")[..6];
    public LabInstance? Lab { get; private set; }
    public Exception? StartupError { get; private set; }
    public TimeSpan UpTime { get; private set; }
    public List<string> Progress { get; } = [];
    public LabCatalog Catalog { get; } = new(RepoRoot.Path);

    public MachinesLabFixture() =>
        Layout = new LocalLayout(Path.Combine(_state, "state"), "/run/lab/ns", LocalLayout.Default.CacheRoot); // the shared image cache

    public MachinesTarget Target => new(Catalog, Layout);

    public LabInstance RequireLab() =>
        Lab ?? throw new InvalidOperationException($"the machines lab did not come up: {StartupError?.Message}\n{string.Join("\n", Progress)}");

    public async Task InitializeAsync()
    {
        if (MachinesAvailability.WhyNot is not null) return;
        var clock = Stopwatch.StartNew();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(15));
            Lab = await Target.UpAsync(Catalog.Load("galera"), InstanceName, keepOnFailure: false, m => { lock (Progress) Progress.Add(m); }, cts.Token);
        }
        catch (Exception e)
        {
            StartupError = e;
        }
        UpTime = clock.Elapsed;
    }

    public async Task DisposeAsync()
    {
        try { await Target.DownAsync(InstanceName, CancellationToken.None); }
        finally
        {
            try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MachinesLabCollection : ICollectionFixture<MachinesLabFixture>
{
    public const string Name = "machines lab";
}

/// <summary>The repository the tests were built from: the first folder above them holding labs/ and templates/.</summary>
public static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(System.IO.Path.Combine(dir.FullName, "labs")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "templates")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"no labs/ and templates/ above {AppContext.BaseDirectory}");
    }
}
