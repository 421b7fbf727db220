using System.Diagnostics;
using Lab.Core.Galera;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using Lab.Core.Services;
using Lab.Core.Waits;
using Lab.Targets.Local;
using Lab.Targets.Ssh.Inventory;
using Lab.Targets.Ssh.Transport;

namespace Lab.Targets.Ssh;

/// <summary>
/// Hosts are machines with systemd reached over SSH (classroom VMs, the Azure program's VMs, the machines target's
/// containers): packages with apt-get, the same rendered files as every target, services with systemctl, and the
/// seeds' bring-up (galera_new_cluster on the first node, `systemctl start mariadb` on the others).
/// </summary>
public sealed class SshTarget(LabCatalog catalog, LocalLayout layout)
{
    public const string Name = "ssh";

    public LocalLayout Layout => layout;

    public async Task<LabInstance> UpAsync(LabDefinition lab, string instance, string inventoryFile, bool keepOnFailure,
        Action<string> progress, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        var inventory = InventoryLoader.Load(inventoryFile);
        var subnet = InventoryMatch.SubnetFor(lab, inventory);
        var (moved, secrets) = await InstanceClaim.ClaimAsync(layout, lab, instance, subnet, new TargetRecord(Name, inventory.SourceFile).Save, ct);
        try
        {
            return await BringUpAsync(moved, instance, inventory, secrets, Name, progress, ct);
        }
        catch (Exception e) when (!keepOnFailure)
        {
            progress($"up failed ({e.Message.Split('\n')[0]}); forgetting instance '{instance}' (the machines themselves are left as they are)");
            await DownAsync(instance, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Everything after the instance is claimed: connect, set up every host, form the cluster, start the rest.</summary>
    internal async Task<LabInstance> BringUpAsync(LabDefinition lab, string instance, SshInventory inventory, LabSecrets secrets,
        string target, Action<string> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var files = new TemplateRenderer(catalog.TemplatesRoot).RenderAll(lab, secrets); // a template error stops here
        var created = Open(lab, instance, inventory, secrets, target);
        var hosts = created.Hosts.Values.Cast<SshHost>().ToList();
        await Task.WhenAll(hosts.Select(h => h.RunAsync("true", timeout: TimeSpan.FromSeconds(30), ct: ct)));
        progress($"connected to {string.Join(", ", hosts.Select(h => $"{h.Name} ({h.Endpoint.User}@{h.Endpoint.Address})"))} ({clock.Elapsed.TotalSeconds:0.00}s)");
        await Task.WhenAll(hosts.Select(h => SshProvisioner.PrepareAsync(h, files.Where(f => f.Host == h.Name).ToList(), progress, ct)));
        progress($"hosts ready ({clock.Elapsed.TotalSeconds:0.00}s)");

        var bringUp = new GaleraBringUp(created, Until.Real, progress);
        await bringUp.FormClusterAsync(GaleraStart.Classic, ct);
        if (lab.Hosts.Any(h => h.Runs(ServiceCatalog.Galera)))
            progress($"cluster formed: all nodes Primary and Synced ({clock.Elapsed.TotalSeconds:0.00}s)");
        await bringUp.CreateAccountsAsync(ct);
        foreach (var db in created.HostsRunning(ServiceCatalog.MariaDb))
            await db.StartAsync(ServiceCatalog.MariaDb, ct: ct);
        await Task.WhenAll(created.Hosts.Values.SelectMany(h => h.Definition.Services
            .Where(s => !ServiceCatalog.IsDatabase(s))
            .Select(async s =>
            {
                if ((await h.StatusAsync(s, ct)).State == Lab.Core.Hosts.ServiceState.Stopped) await h.StartAsync(s, ct: ct);
            })));
        await bringUp.WaitHaproxyAsync(ct);
        var answeredBy = await bringUp.QueryThroughProxyAsync(ct);
        if (answeredBy is not null)
            progress($"client query through HAProxy answered by {answeredBy} ({clock.Elapsed.TotalSeconds:0.00}s)");
        return created;
    }

    /// <summary>Opens an existing ssh or machines instance by name.</summary>
    public LabInstance Open(string instance)
    {
        var record = InstanceRecord.TryLoad(layout, instance)
            ?? throw new InstanceNotFoundException(instance, Reaper.ExistingInstances(layout));
        var target = TargetRecord.TryLoad(layout, instance)
            ?? throw new InvalidOperationException($"instance '{instance}' is not an ssh or machines instance");
        var lab = catalog.Load(record.Lab);
        if (!Ipv4Subnet.TryParse(record.Subnet, out var subnet))
            throw new InvalidDataException($"{layout.RecordFile(instance)}: bad subnet '{record.Subnet}'");
        return Open(lab.MovedTo(subnet), instance, InventoryLoader.Load(target.Inventory), InstanceRecord.LoadSecrets(layout, instance), target.Target);
    }

    private LabInstance Open(LabDefinition lab, string instance, SshInventory inventory, LabSecrets secrets, string target)
    {
        var runner = Runner(instance, inventory);
        return new LabInstance(instance, target, lab, secrets, lab.Hosts.Select(h => new SshHost(h, inventory.Host(h.Name), runner)));
    }

    /// <summary>Control sockets live under /run (short paths: a socket path has at most 107 bytes), private to root.</summary>
    public static string ControlDir(string instance) => Path.Combine("/run/lab/ssh", instance);

    internal static SshRunner Runner(string instance, SshInventory inventory)
    {
        var dir = ControlDir(instance);
        Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new SshRunner(new SshArguments(dir, inventory.KnownHosts));
    }

    /// <summary>Forgets the instance: closes its connections and removes its local state. The VMs are not touched.</summary>
    public async Task<Reaper.Report> DownAsync(string instance, CancellationToken ct)
    {
        InstanceName.Validate(instance);
        await CloseConnectionsAsync(instance, ct);
        return await Reaper.DownAsync(layout, instance, ct);
    }

    internal async Task CloseConnectionsAsync(string instance, CancellationToken ct)
    {
        var target = TargetRecord.TryLoad(layout, instance);
        if (target is not null && File.Exists(target.Inventory))
        {
            try
            {
                var inventory = InventoryLoader.Load(target.Inventory);
                var runner = Runner(instance, inventory);
                await Task.WhenAll(inventory.Hosts.Values.Select(h => runner.CloseAsync(h, ct)));
            }
            catch (LabFileException) { } // an unreadable inventory has no connections to close
        }
        if (Directory.Exists(ControlDir(instance))) Directory.Delete(ControlDir(instance), recursive: true);
    }
}
