using System.Globalization;
using Lab.Core.BringUp;
using Lab.Core.Errors;
using Lab.Core.Galera;
using Lab.Core.Haproxy;
using Lab.Core.Model;
using Lab.Core.Rendering;
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
        // </dev/null: a step whose script comes on stdin (the secret files) must keep all of it for its own shell.
        "rc=0; sudo cloud-init status --wait </dev/null >/dev/null || rc=$?\n" +
        "if [ \"$rc\" -eq 1 ]; then sudo cloud-init status --long </dev/null; exit 1; fi\n";

    public static IEnumerable<(string Name, YMap Resource)> Build(LabDefinition lab, HostDefinition jump,
        IReadOnlyDictionary<string, IReadOnlyList<RenderedFile>> secretFiles)
    {
        // Part of preparing the hosts: the files that carry passwords, before any service reads them.
        var previous = new List<string>();
        foreach (var host in lab.Hosts)
        {
            if (!secretFiles.TryGetValue(host.Name, out var files) || files.Count == 0) continue;
            var name = SecretFiles.CommandName(host.Name);
            previous.Add(name);
            yield return (name, Command(host, jump, [], RunStdinAsRoot, SecretFiles.Script(host.Name, files), quiet: true));
        }
        foreach (var step in BringUpPlan.For(lab, GaleraStart.Classic).Steps)
        {
            var commands = CommandsFor(lab, step).ToList();
            var names = new List<string>();
            foreach (var (name, host, script, chained, secret) in commands)
            {
                // Joins go one at a time (one donor serves one state transfer): each waits for the one before it.
                var after = chained && names.Count > 0 ? [names[^1]] : previous;
                names.Add(name);
                yield return (name, secret
                    ? Command(lab.Host(host), jump, after, RunStdinAsRoot, script)
                    : Command(lab.Host(host), jump, after, script));
            }
            if (names.Count > 0) previous = names;
        }
    }

    private static IEnumerable<HostCommand> CommandsFor(LabDefinition lab, BringUpStep step)
    {
        switch (step)
        {
            case PrepareHostsStep:
                yield break; // cloud-init: packages, rendered files, systemd units (CloudConfigBuilder)
            case FormGaleraClusterStep s:
                yield return new($"{s.Nodes[0]}-new-cluster", s.Nodes[0],
                    GaleraBootstrapGuard.Script(s.Nodes[0], s.Nodes.Skip(1).Select(n => lab.Host(n).Address).ToList()), true);
                foreach (var joiner in s.Nodes.Skip(1))
                    yield return new($"{joiner}-join", joiner,
                        $"# {joiner} joins the running cluster; systemd returns once it is Synced (after SST from a donor).\n" +
                        "sudo systemctl start mariadb\n", true);
                break;
            case WaitGaleraSyncedStep s:
                var size = s.Nodes.Count.ToString(CultureInfo.InvariantCulture);
                yield return new($"{s.Nodes[0]}-synced", s.Nodes[0],
                    $"# Every node joined: {s.Nodes[0]} sees a Primary component of {size}.\n" +
                    "size=$(sudo mariadb -N -B -e \"SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'\" | cut -f2)\n" +
                    $"if [ \"$size\" != {size} ]; then echo \"{s.Nodes[0]} sees wsrep_cluster_size=$size, expected {size}\" >&2; exit 1; fi\n", false);
                break;
            case StartServersStep s:
                foreach (var server in s.Servers)
                    yield return new($"{server}-start", server, "sudo systemctl start mariadb\n", false);
                break;
            case CreateAccountsStep s:
                foreach (var host in s.Hosts)
                    yield return new($"{host}-accounts", host,
                        "# The lab's accounts (on a Galera cluster once: it replicates them to every node).\n" +
                        // The file is 0600 root: the redirection must happen as root too.
                        $"sudo sh -c 'mariadb < {s.File}'\n", false);
                break;
            case AttachReplicasStep s:
                // One at a time, as the live runner does: each copy is a read of the primary.
                foreach (var replica in s.Replicas)
                    yield return new($"{replica}-attach", replica,
                        ReplicaAttachScript.For(replica, s.Primary, lab.Host(s.Primary).Address), true, ScriptIsSecret: true);
                break;
            case StartServicesStep s:
                // keepalived is not installed on Azure: its VIP is the load balancer's frontend (VipLoadBalancer).
                foreach (var hs in s.Services.Where(hs => ServiceCatalog.Get(hs.Service).FirstBoot.Count == 0
                                                         && !(hs.Service == ServiceCatalog.Keepalived && VipLoadBalancer.Applies(lab))))
                    yield return new($"{hs.Host}-start", hs.Host,
                        "# Started once the databases it depends on are up.\n" +
                        $"sudo systemctl restart {ServiceCatalog.Get(hs.Service).SystemdUnit}\n" +
                        $"sudo systemctl is-active --quiet {ServiceCatalog.Get(hs.Service).SystemdUnit}\n", false);
                break;
            case WaitVirtualIpStep s when VipLoadBalancer.Applies(lab) && lab.Hosts.FirstOrDefault(h => h.Role == AzureProgramGenerator.JumpRole) is { } client:
                yield return new($"{client.Name}-vip", client.Name,
                    $"# The load balancer's frontend {s.Address} (the lab's VIP) reaches {s.Holder}, the only writable server its probe accepts\n" +
                    "# (polled, at most 120 s: Azure probes every 5 s and needs a first answer).\n" +
                    "for i in $(seq 1 240); do\n" +
                    $"  at=$(sudo mariadb -h {s.Address} --connect-timeout=2 -N -B -e 'SELECT @@hostname' 2>/dev/null || true)\n" +
                    $"  [ \"$at\" = {s.Holder} ] && exit 0\n" +
                    "  sleep 0.5\n" +
                    "done\n" +
                    $"echo \"{s.Address} answered by '$at', expected {s.Holder}\" >&2; exit 1\n", false);
                break;
            case WaitVirtualIpStep:
                throw new LabException($"lab '{lab.Name}': its virtual IP moves by VRRP (keepalived), which Azure's network does not carry, " +
                                       "and the program builds a load balancer in its place only for MariaDB hosts running keepalived");
            case WaitHaproxyStep s:
                foreach (var proxy in s.Proxies)
                    yield return new($"{proxy}-backends-up", proxy,
                        $"# HAProxy routes: all {s.Backends} database backends UP (polled, at most 120 s).\n" +
                        "for i in $(seq 1 240); do\n" +
                        $"  up=$(echo 'show stat' | sudo socat -t 2 stdio UNIX-CONNECT:{HaproxyBackend.SocketPath} | grep -v ',FRONTEND,\\|,BACKEND,' | grep -c ',UP,' || true)\n" +
                        $"  [ \"$up\" -ge {s.Backends} ] && exit 0\n" +
                        "  sleep 0.5\n" +
                        "done\n" +
                        $"echo \"{proxy}: only $up of {s.Backends} backends UP\" >&2; exit 1\n", false);
                break;
            case ClientQueryStep s when VipLoadBalancer.Holder(lab) == VipHolder.Pacemaker:
                // The lab's setup waited for Pacemaker to start the group; the load balancer learns of it only from its
                // next probe (every 5 s), so the first query through the VIP is polled, as failover's client-vip step is.
                yield return new($"{s.Client}-query", s.Client,
                    $"# A student's first query, through {s.Via} (the load balancer's frontend; polled, at most 120 s).\n" +
                    "for i in $(seq 1 240); do\n" +
                    "  if sudo mariadb --connect-timeout=2 -N -B -e 'SELECT @@hostname'; then exit 0; fi\n" +
                    "  sleep 0.5\n" +
                    "done\n" +
                    $"echo \"no answer through {s.Via} after 120 s\" >&2; exit 1\n", false);
                break;
            case ClientQueryStep s:
                yield return new($"{s.Client}-query", s.Client,
                    $"# A student's first query, through {s.Via}.\n" +
                    "sudo mariadb -N -B -e 'SELECT @@hostname'\n", false);
                break;
            case LabSetupStep s:
                foreach (var host in s.Step.Hosts)
                    yield return new($"{host}-{s.Key}", host, LabSetupScript.For(s.Step), false);
                break;
            default:
                throw new NotSupportedException($"bring-up step {step.GetType().Name} has no Azure command");
        }
    }

    /// <summary>One command resource of a step; a script that carries passwords is the secret stdin of a root shell, never the command line.</summary>
    private sealed record HostCommand(string Name, string Host, string Script, bool Chained, bool ScriptIsSecret = false);

    private const string RunStdinAsRoot = "sudo sh -e -s\n";

    private static YMap Command(HostDefinition host, HostDefinition jump, IReadOnlyList<string> after, string script,
        string? secretStdin = null, bool quiet = false)
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
        var properties = new YMap()
            .Add("connection", connection)
            .Add("create", PulumiText.Escape(WaitForCloudInit + script));
        if (secretStdin is not null)
            properties
                // Secret by itself too (RandomPassword's result already is): the program says so where the value is used.
                .Add("stdin", new YMap().Add("fn::secret", SecretSplice.ToPulumi(secretStdin)));
        // The secret files' script prints nothing but errors: no log at all, so no later line of it can leak a password there.
        if (quiet) properties.Add("logging", "none");
        // A replaced VM is a new, empty host: run the step again.
        properties.Add("triggers", new YList(PulumiText.Of($"{Names.Vm(host.Name)}.id")));
        return ResourceDecl.Create("command:remote:Command", properties,
            after.Concat([Names.Vm(host.Name), Names.Vm(jump.Name)]).Distinct(),
            secretStdin is null ? null : [("additionalSecretOutputs", new YList("stdout", "stderr"))]);
    }
}
