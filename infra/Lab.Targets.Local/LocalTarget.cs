using Lab.Core.BringUp;
using Lab.Core.Errors;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using Lab.Core.Services;
using Lab.Core.Targets;
using Lab.Core.Waits;
using Lab.Instances;

namespace Lab.Targets.Local;

/// <summary>
/// The embedded default target: every host is a set of Linux namespaces on this machine, services are the real
/// Debian binaries supervised by the tool. Its host preparation is the fast path: namespaces, bind mounts and the
/// rendered files, with every database seeded from one cached data directory.
/// </summary>
public sealed class LocalTarget(LabCatalog catalog, LocalLayout layout) : ILabTarget
{
    public const string TargetName = "local";

    public string Name => TargetName;

    public string Summary => "Linux namespaces on this machine: own network, mounts and hostname per host; services supervised by the tool (default)";

    public async Task<LabInstance> UpAsync(UpRequest request, Action<string> progress, CancellationToken ct)
    {
        InstanceName.Validate(request.Instance);
        if (request.Inventory is not null)
            throw new LabInputException("--inventory is for --target ssh (the local target creates its own hosts)");
        Preflight.Check(request.Lab, layout);
        var renderer = new TemplateRenderer(catalog.TemplatesRoot);
        var instance = request.Instance;
        try
        {
            var (moved, secrets) = await InstanceClaim.ClaimAsync(layout, new ClaimRequest(request.Lab, instance, Name, null, GuardRoute: true), ct);
            progress($"instance '{instance}': subnet {moved.Subnet}, hosts {string.Join(", ", moved.Hosts.Select(h => $"{h.Name} {h.Address}"))}");
            var files = renderer.RenderAll(moved, secrets); // before anything heavy: a template error stops here
            var created = Open(moved, instance, secrets);
            var plan = BringUpPlan.For(moved, request.GaleraStart);
            await new BringUpRunner(created, Until.Real, progress).RunAsync(plan.Steps,
                (_, c) => new LocalHostPreparation(layout, instance, moved, files, request.GaleraStart).RunAsync(progress, c), ct);
            return created;
        }
        catch (Exception e) when (!request.KeepOnFailure && e is not InstanceExistsException and not SubnetInUseException)
        {
            progress($"up failed ({e.Message.Split('\n')[0]}); removing what was made for '{instance}'");
            await Reaper.DownAsync(layout, instance, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Opens an existing instance by name.</summary>
    public LabInstance Open(string instance)
    {
        var record = InstanceRecord.TryLoad(layout, instance)
            ?? throw new InstanceNotFoundException(instance, Reaper.ExistingInstances(layout));
        var lab = catalog.Load(record.Lab);
        if (!Ipv4Subnet.TryParse(record.Subnet, out var subnet))
            throw new Lab.Core.Errors.LabException($"{layout.RecordFile(instance)}: bad subnet '{record.Subnet}'");
        return Open(lab.MovedTo(subnet), instance, InstanceRecord.LoadSecrets(layout, instance));
    }

    private LabInstance Open(LabDefinition lab, string instance, LabSecrets secrets) =>
        new(instance, Name, lab, secrets, lab.Hosts.Select(h => new LocalHost(layout, instance, h)));

    /// <summary>Local is the default: it owns every instance no other target claims.</summary>
    public bool Owns(string instance) => InstanceRecord.TryLoad(layout, instance)?.Target is null or TargetName;

    public IReadOnlyList<HostPlacement> Describe(LabInstance instance) =>
        instance.Lab.Hosts.Select(h => new HostPlacement(h.Name, h.Address, $"namespace {LocalLayout.HostNetns(instance.Name, h.Name)}")).ToList();

    public async Task<DownReport> DownAsync(string instance, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        Preflight.RequireRoot();
        return (await Reaper.DownAsync(layout, instance, ct)).For(Name);
    }
}
