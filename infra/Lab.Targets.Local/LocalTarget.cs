using Lab.Core.BringUp;
using Lab.Core.Errors;
using Lab.Core.Endpoints;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Messages;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using Lab.Core.Services;
using Lab.Core.Targets;
using Lab.Core.Waits;
using Lab.Core.Hosts;
using Lab.Hosts.Ssh;
using Lab.Hosts.Ssh.Inventory;
using Lab.Hosts.Vm;
using Lab.Instances;
using Lab.Instances.Rootless;

namespace Lab.Targets.Local;

/// <summary>
/// The embedded default target: every host is a set of Linux namespaces on this machine, services are the real
/// Debian binaries supervised by the tool. Its host preparation is the fast path: namespaces, bind mounts and the
/// rendered files, with every database seeded from one cached data directory. A host that needs a kernel of its own
/// (`isolation: vm`, or a kernel feature this kernel lacks) becomes a VM on the same bridges, reached over SSH.
/// </summary>
public sealed class LocalTarget(LabCatalog catalog, LocalLayout layout) : ILabTarget
{
    public const string TargetName = "local";

    private readonly VmFleet _fleet = new(layout);

    public string Name => TargetName;

    public string Summary => "Linux namespaces on this machine: own network, mounts and hostname per host; services supervised by the tool (default)";

    public async Task<LabInstance> UpAsync(UpRequest request, Action<string> progress, CancellationToken ct)
    {
        InstanceName.Validate(request.Instance);
        if (request.Inventory is not null)
            throw new LabInputException("--inventory is for --target ssh (the local target creates its own hosts)");
        // A mixed lab: hosts that need a kernel of their own become VMs on the same bridges, the rest stay namespaces
        // (only those need this machine's packages).
        var needs = await VmPlacement.HostsNeedingVmsAsync(request.Lab, ct);
        if (request.Bare && needs.Count > 0)
            throw new LabInputException($"--bare makes namespace hosts only; {string.Join(", ", needs.Select(n => n.Host.Name))} of lab '{request.Lab.Name}' must be VMs");
        Preflight.Check(request.Lab with { Hosts = request.Lab.Hosts.Where(h => needs.All(n => n.Host.Name != h.Name)).ToList() }, layout);
        VmRuntime? runtime = null;
        if (needs.Count > 0)
        {
            progress(VmPlacement.Describe(needs));
            runtime = await VmRuntime.PrepareAsync(layout, progress, ct);
        }
        var pace = runtime?.Accel.Pace ?? 1;
        var renderer = new TemplateRenderer(catalog.TemplatesRoot, pace);
        var instance = request.Instance;
        try
        {
            var (moved, secrets) = await InstanceClaim.ClaimAsync(layout, new ClaimRequest(request.Lab, instance, Name, null, GuardRoute: !RootlessMode.Active,
                runtime is null ? null : new InventoryRecord(_fleet.Vms.InventoryFile(instance), pace).Save), ct);
            progress(EngineText.BringUp.InstanceClaimed.In(request.Language, instance, string.Join(", ", moved.Subnets),
                string.Join(", ", moved.Hosts.Select(h => $"{h.Name} {h.Address}"))));
            if (RootlessMode.Active) progress(EngineText.BringUp.Rootless.In(request.Language, Environment.GetEnvironmentVariable("LAB_STATE_DIR") ?? layout.StateRoot));
            var files = BareFiles(request, moved, renderer.RenderAll(moved, secrets)); // before anything heavy: a template error stops here
            var vmNames = needs.Select(n => n.Host.Name).ToHashSet();
            var namespaced = moved.Hosts.Where(h => !vmNames.Contains(h.Name)).ToList();
            // Galera's shared-state fast path seeds data directories on this machine; VMs join the seeds' way.
            // A bare lab's servers start from a plain datadir, as the package leaves it.
            var start = vmNames.Count > 0 || request.Bare ? GaleraStart.Classic : request.GaleraStart;
            SshInventory? inventory = null;
            if (runtime is not null)
            {
                await LabNetwork.CreateAsync(instance, moved, ct, namespaced);
                inventory = await _fleet.BootAsync(instance, moved, moved.Hosts.Where(h => vmNames.Contains(h.Name)).ToList(), runtime, progress, ct);
            }
            var created = Open(moved, instance, secrets, inventory, pace);
            var plan = BringUpPlan.For(moved, start, request.Bare);
            await new BringUpRunner(created, Until.Real, progress, request.Language).RunAsync(plan.Steps, async (_, c) =>
            {
                await new LocalHostPreparation(layout, instance, moved with { Hosts = namespaced }, files, start, networkMade: runtime is not null).RunAsync(progress, c, request.Language);
                if (inventory is not null)
                    await SshHostPreparation.RunAsync(created, files, progress, c, request.Language);
            }, ct);
            return created.WithPublished(await PublishAsync(instance, moved, namespaced, progress, request.Language, ct));
        }
        catch (Exception e) when (!request.KeepOnFailure && e is not InstanceExistsException and not SubnetInUseException)
        {
            progress(EngineText.BringUp.UpFailed.In(request.Language, e.Message.Split('\n')[0], instance));
            await DownAsync(instance, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// What a bare lab keeps of the rendered files: only those of hosts that run no service (the client's settings stand
    /// for the application's, and name the account the student creates); every server keeps the distribution's own files.
    /// </summary>
    private static IReadOnlyList<RenderedFile> BareFiles(UpRequest request, LabDefinition lab, IReadOnlyList<RenderedFile> files) =>
        request.Bare ? files.Where(f => lab.Host(f.Host).Services.Count == 0).ToList() : files;

    /// <summary>
    /// The lab's endpoints on 127.0.0.1, carried on from the client's namespace (any namespaced host reaches every lab
    /// address); none when every host is a VM.
    /// </summary>
    private async Task<IReadOnlyList<PublishedEndpoint>> PublishAsync(string instance, LabDefinition lab, IReadOnlyList<HostDefinition> namespaced,
        Action<string> progress, Language language, CancellationToken ct)
    {
        var via = namespaced.FirstOrDefault(h => h.Name == "client") ?? namespaced.FirstOrDefault();
        var endpoints = LabEndpoints.For(lab);
        if (via is null || endpoints.Count == 0) return [];
        var published = await PortForwards.PublishAsync(layout, instance, endpoints, via.Name, ct);
        progress(EngineText.BringUp.Published.In(language, string.Join(", ", published.Select(p => $"{p.Endpoint.Name} {p.Local}"))));
        return published;
    }

    /// <summary>Opens an existing instance by name.</summary>
    public LabInstance Open(string instance)
    {
        var record = InstanceRecord.TryLoad(layout, instance)
            ?? throw new InstanceNotFoundException(instance, Reaper.ExistingInstances(layout));
        var lab = catalog.Load(record.Lab);
        if (!Ipv4Subnet.TryParse(record.Subnet, out var subnet))
            throw new Lab.Core.Errors.LabException($"{layout.RecordFile(instance)}: bad subnet '{record.Subnet}'");
        // A mixed instance's VMs are the hosts its inventory names.
        var vms = InventoryRecord.TryLoad(layout, instance);
        var inventory = vms is not null && File.Exists(vms.Inventory) ? InventoryLoader.Load(vms.Inventory) : null;
        return Open(lab.MovedTo(subnet), instance, InstanceRecord.LoadSecrets(layout, instance), inventory, vms?.Pace ?? 1)
            .WithPublished(PortForwards.Load(layout, instance));
    }

    /// <summary>
    /// The instance's hosts: namespaces, and a mixed lab's VMs over ssh (with their power switch for hard failovers); the
    /// namespaces share this machine's kernel (a scenario needing netem there is not run when it lacks it).
    /// </summary>
    private LabInstance Open(LabDefinition lab, string instance, LabSecrets secrets, SshInventory? vms = null, double pace = 1)
    {
        var runner = vms is null ? null : SshConnections.Runner(instance, vms, pace);
        return SharedKernel.Attach(_fleet, VmPower.Attach(_fleet.Vms, new LabInstance(instance, Name, lab, secrets, lab.Hosts.Select(h => vms?.Hosts.ContainsKey(h.Name) == true
            ? (ILabHost)new SshHost(h, vms.Host(h.Name), runner!, pace)
            : new LocalHost(layout, instance, h)), pace)));
    }

    /// <summary>Local is the default: it owns every instance no other target claims.</summary>
    public bool Owns(string instance) => InstanceRecord.TryLoad(layout, instance)?.Target is null or TargetName;

    public IReadOnlyList<HostPlacement> Describe(LabInstance instance) =>
        instance.Lab.Hosts.Select(h => new HostPlacement(h.Name, h.Address, instance.Hosts[h.Name] is SshHost
            ? $"VM ({h.VmSize.Cpus} vCPU, {h.VmSize.MemoryMb} MB), console {_fleet.Vms.ConsoleLog(instance.Name, h.Name)}, ssh from the lab's own namespace"
            : $"namespace {LocalLayout.HostNetns(instance.Name, h.Name)}")).ToList();

    public async Task<DownReport> DownAsync(string instance, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        Preflight.RequireRoot();
        var closed = await SshConnections.CloseAsync(layout, instance, ct);
        var report = await Reaper.DownAsync(layout, instance, ct); // QEMU runs in the switch namespace: its processes go here
        var vms = await VmReaper.RemoveAsync(_fleet.Vms, instance, ct);
        return report.For(Name).With(vms > 0 ? $"{vms} VM(s) and their overlays" : null, closed ? "its ssh connections" : null);
    }
}
