using Lab.Hosts.Vm;
using Lab.Conformance;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Targets;
using Lab.Instances;

namespace Lab.Targets.Vm.Tests;

/// <summary>
/// One boot of the real ha-drbd lab (labs/ha-drbd: two DRBD/Pacemaker nodes and a client, three VMs) shared by its
/// tests: under software emulation the boot and the seed's setup take minutes. Disposal is `down`, which must leave no
/// QEMU, overlay or data disk behind.
/// </summary>
public sealed class HaDrbdFixture : IAsyncLifetime
{
    private readonly string _state = TestStateRoot.Create("drbd-");

    public HaDrbdFixture() =>
        Layout = new LocalLayout(Path.Combine(_state, "state"), "/run/lab/ns", LocalLayout.Default.CacheRoot); // the cached images are shared

    public LocalLayout Layout { get; }
    public LabCatalog Catalog { get; } = new(RepoRoot.Path);
    public VmTarget Target => _target ??= new VmTarget(Catalog, Layout);
    private VmTarget? _target;
    public string InstanceName { get; } = $"drbd{Guid.NewGuid().ToString("N")[..5]}";
    public List<string> Progress { get; } = [];
    public TimeSpan UpTook { get; private set; }

    private LabInstance? _lab;
    private Exception? _failed;

    public async Task<LabInstance> LabAsync()
    {
        if (VmAvailability.WhyNot is { } why) throw new InvalidOperationException($"the vm target cannot run here: {why}");
        if (_failed is not null) throw new InvalidOperationException($"ha-drbd did not come up: {_failed.Message}\n{string.Join("\n", Progress.TakeLast(15))}");
        if (_lab is not null) return _lab;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(25)); // may first build the VM image
            _lab = await Target.UpAsync(new UpRequest(Catalog.Load("ha-drbd"), InstanceName), m => { lock (Progress) Progress.Add(m); }, limit.Token);
            UpTook = clock.Elapsed;
            return _lab;
        }
        catch (Exception e)
        {
            _failed = e;
            throw new InvalidOperationException($"ha-drbd did not come up: {e.Message}\n{string.Join("\n", Progress.TakeLast(15))}", e);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var vms = new VmLayout(Layout);
        var pids = Directory.Exists(vms.InstanceDir(InstanceName))
            ? Directory.GetDirectories(vms.InstanceDir(InstanceName)).Select(d => (Pid: OwnedProcess.ReadPid(Path.Combine(d, "qemu.pid")), Overlay: Path.Combine(d, "disk.qcow2"))).ToList()
            : [];
        await Target.DownAsync(InstanceName, CancellationToken.None);
        try
        {
            foreach (var (pid, overlay) in pids)
                if (pid > 0 && VmReaper.IsOurQemu(pid, overlay)) throw new InvalidOperationException($"down left QEMU {pid} ({overlay}) running");
            if (Directory.Exists(vms.InstanceDir(InstanceName))) throw new InvalidOperationException($"down left {vms.InstanceDir(InstanceName)}");
        }
        finally
        {
            Directory.Delete(_state, recursive: true);
        }
    }
}
