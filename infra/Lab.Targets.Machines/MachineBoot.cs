using Lab.Core.Model;
using Lab.Instances;

namespace Lab.Targets.Machines;

/// <summary>
/// One machine: an overlay of the cached image (the image is never written), its identity (hostname, /etc/hosts,
/// host key, the instance's login key for root), booted with systemd-nspawn inside the host's network namespace.
/// </summary>
public sealed class MachineBoot(MachineLayout machines, string instance, HostDefinition host)
{
    /// <returns>The known_hosts line for this machine's new host key.</returns>
    public async Task<string> PrepareAsync(string image, LabDefinition lab, string authorizedKey, CancellationToken ct)
    {
        var root = machines.RootFs(instance, host.Name);
        foreach (var d in new[] { machines.Upper(instance, host.Name), machines.Work(instance, host.Name), root })
            Directory.CreateDirectory(d);
        await ProcessRunner.RequireAsync("mount", ["-t", "overlay", "overlay", "-o",
            $"lowerdir={image},upperdir={machines.Upper(instance, host.Name)},workdir={machines.Work(instance, host.Name)}", root], ct: ct);

        return await Lab.Hosts.Ssh.ManagedMachines.WriteIdentityAsync(root, lab, host, authorizedKey, ct);
    }

    /// <summary>Boots the machine detached; its console goes to a log file, its pid to a file `down` reads.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var pidFile = machines.PidFile(instance, host.Name);
        File.Delete(pidFile);
        var nspawn = string.Join(' ', new[]
        {
            "systemd-nspawn", "--boot", "--register=no", "--keep-unit",
            $"--network-namespace-path={LocalLayout.NetnsPath(LocalLayout.HostNetns(instance, host.Name))}",
            "-D", machines.RootFs(instance, host.Name),
            $"--machine={MachineLayout.MachineName(instance, host.Name)}", $"--hostname={host.Name}",
            // No terminal: the console is a log; no journal link to this machine's /var/log/journal.
            "--console=passive", "--link-journal=no",
            // The machine's network namespace is its own (the lab's host namespace), as a VM's NIC would be: keepalived
            // adds the virtual IP and nftables cuts the host off inside it, both of which need CAP_NET_ADMIN, which
            // nspawn keeps only for networks it creates itself.
            "--capability=CAP_NET_ADMIN",
        });
        await ProcessRunner.RequireAsync("setsid",
            ["-f", "sh", "-c", $"echo $$ > {pidFile}; exec {nspawn} > {machines.ConsoleLog(instance, host.Name)} 2>&1 < /dev/null"], ct: ct);
    }
}
