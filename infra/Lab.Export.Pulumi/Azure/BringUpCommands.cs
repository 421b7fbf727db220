using System.Globalization;
using Lab.Core.BringUp;
using Lab.Core.Errors;
using Lab.Core.Galera;
using Lab.Core.Haproxy;
using Lab.Core.Model;
using Lab.Core.Services;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// The lab's <see cref="BringUpPlan"/> as <c>command:remote:Command</c> resources run over SSH through the jump host:
/// the same steps, in the same order, as every live target runs. Each step waits for the whole previous step; the
/// "prepare hosts" step is each VM's cloud-init, which every command waits for. A step the program cannot carry out
/// on Azure's network refuses the export with the reason instead of building a lab that does not work.
/// </summary>
public static class BringUpCommands
{
    // cloud-init installs packages and writes the files on first boot; every step waits for it.
    // `status --wait` exits 1 on failure (newer releases use 2 for warnings only, which is fine).
    private const string WaitForCloudInit =
        "set -eu\n" +
        "rc=0; sudo cloud-init status --wait >/dev/null || rc=$?\n" +
        "if [ \"$rc\" -eq 1 ]; then sudo cloud-init status --long; exit 1; fi\n";

    public static IEnumerable<(string Name, YMap Resource)> Build(LabDefinition lab, HostDefinition jump)
    {
        if (lab.Hosts.FirstOrDefault(h => h.Vm?.DataDiskMb is not null) is { } disked)
            throw new LabException($"lab '{lab.Name}': {disked.Name} needs an empty data disk (vm: disk), which the Azure program does not create yet " +
                                   "(the seed attaches one per VM in the portal); use `lab up --target vm`, or `--target ssh` on VMs that have the disk");
        var previous = new List<string>();
        foreach (var step in BringUpPlan.For(lab, GaleraStart.Classic).Steps)
        {
            var commands = CommandsFor(lab, step).ToList();
            var names = new List<string>();
            foreach (var (name, host, script, chained) in commands)
            {
                // Joins go one at a time (one donor serves one state transfer): each waits for the one before it.
                var after = chained && names.Count > 0 ? [names[^1]] : previous;
                names.Add(name);
                yield return (name, Command(lab.Host(host), jump, after, script));
            }
            if (names.Count > 0) previous = names;
        }
    }

    private static IEnumerable<(string Name, string Host, string Script, bool Chained)> CommandsFor(LabDefinition lab, BringUpStep step)
    {
        switch (step)
        {
            case PrepareHostsStep:
                yield break; // cloud-init: packages, rendered files, systemd units (CloudConfigBuilder)
            case FormGaleraClusterStep s:
                yield return ($"{s.Nodes[0]}-new-cluster", s.Nodes[0],
                    $"# {s.Nodes[0]} starts a new cluster (the seed's galera_new_cluster = mariadbd --wsrep-new-cluster).\n" +
                    "sudo galera_new_cluster\n" +
                    "sudo mariadb -N -B -e \"SHOW GLOBAL STATUS LIKE 'wsrep_cluster_status'\" | grep -q Primary\n", true);
                foreach (var joiner in s.Nodes.Skip(1))
                    yield return ($"{joiner}-join", joiner,
                        $"# {joiner} joins the running cluster; systemd returns once it is Synced (after SST from a donor).\n" +
                        "sudo systemctl start mariadb\n", true);
                break;
            case WaitGaleraSyncedStep s:
                var size = s.Nodes.Count.ToString(CultureInfo.InvariantCulture);
                yield return ($"{s.Nodes[0]}-synced", s.Nodes[0],
                    $"# Every node joined: {s.Nodes[0]} sees a Primary component of {size}.\n" +
                    "size=$(sudo mariadb -N -B -e \"SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'\" | cut -f2)\n" +
                    $"if [ \"$size\" != {size} ]; then echo \"{s.Nodes[0]} sees wsrep_cluster_size=$size, expected {size}\" >&2; exit 1; fi\n", false);
                break;
            case StartServersStep s:
                foreach (var server in s.Servers)
                    yield return ($"{server}-start", server, "sudo systemctl start mariadb\n", false);
                break;
            case CreateAccountsStep s:
                foreach (var host in s.Hosts)
                    yield return ($"{host}-accounts", host,
                        "# The lab's accounts (on a Galera cluster once: it replicates them to every node).\n" +
                        // The file is 0600 root: the redirection must happen as root too.
                        $"sudo sh -c 'mariadb < {s.File}'\n", false);
                break;
            case AttachReplicasStep:
                throw new LabException($"lab '{lab.Name}': the Azure program cannot attach replicas yet (the consistent copy and CHANGE MASTER " +
                                       "run from the tool over SSH); use `lab up --target ssh` on VMs, or export a Galera lab");
            case StartServicesStep s:
                foreach (var hs in s.Services.Where(hs => ServiceCatalog.Get(hs.Service).FirstBoot.Count == 0))
                    yield return ($"{hs.Host}-start", hs.Host,
                        "# Started once the databases it depends on are up.\n" +
                        $"sudo systemctl restart {ServiceCatalog.Get(hs.Service).SystemdUnit}\n" +
                        $"sudo systemctl is-active --quiet {ServiceCatalog.Get(hs.Service).SystemdUnit}\n", false);
                break;
            case WaitVirtualIpStep:
                throw new LabException($"lab '{lab.Name}': its virtual IP moves by VRRP (keepalived), which Azure's network does not carry; " +
                                       "it needs an Azure load balancer instead, which the program does not generate yet");
            case WaitHaproxyStep s:
                foreach (var proxy in s.Proxies)
                    yield return ($"{proxy}-backends-up", proxy,
                        $"# HAProxy routes: all {s.Backends} database backends UP (polled, at most 120 s).\n" +
                        "for i in $(seq 1 240); do\n" +
                        $"  up=$(echo 'show stat' | sudo socat -t 2 stdio UNIX-CONNECT:{HaproxyBackend.SocketPath} | grep -v ',FRONTEND,\\|,BACKEND,' | grep -c ',UP,' || true)\n" +
                        $"  [ \"$up\" -ge {s.Backends} ] && exit 0\n" +
                        "  sleep 0.5\n" +
                        "done\n" +
                        $"echo \"{proxy}: only $up of {s.Backends} backends UP\" >&2; exit 1\n", false);
                break;
            case ClientQueryStep s:
                yield return ($"{s.Client}-query", s.Client,
                    $"# A student's first query, through {s.Via}.\n" +
                    "sudo mariadb -N -B -e 'SELECT @@hostname'\n", false);
                break;
            case LabSetupStep s:
                foreach (var host in s.Step.Hosts)
                    yield return ($"{host}-{s.Key}", host, LabSetupScript.For(s.Step), false);
                break;
            default:
                throw new NotSupportedException($"bring-up step {step.GetType().Name} has no Azure command");
        }
    }

    private static YMap Command(HostDefinition host, HostDefinition jump, IReadOnlyList<string> after, string script)
    {
        var jumpIp = PulumiText.Of($"{Names.PublicIp(jump.Name)}.ipAddress");
        var connection = new YMap()
            .Add("host", host == jump ? jumpIp : host.Address)
            .Add("user", PulumiText.Of(Names.AdminUser))
            .Add("privateKey", PulumiText.Of(Names.SshPrivateKey))
            // A fresh VM's sshd may take a while to answer.
            .Add("dialErrorLimit", 30);
        if (host != jump)
            connection.Add("proxy", new YMap()
                .Add("host", jumpIp)
                .Add("user", PulumiText.Of(Names.AdminUser))
                .Add("privateKey", PulumiText.Of(Names.SshPrivateKey))
                .Add("dialErrorLimit", 30));
        return ResourceDecl.Create("command:remote:Command", new YMap()
                .Add("connection", connection)
                .Add("create", PulumiText.Escape(WaitForCloudInit + script))
                // A replaced VM is a new, empty host: run the step again.
                .Add("triggers", new YList(PulumiText.Of($"{Names.Vm(host.Name)}.id"))),
            after.Concat([Names.Vm(host.Name), Names.Vm(jump.Name)]).Distinct());
    }
}
