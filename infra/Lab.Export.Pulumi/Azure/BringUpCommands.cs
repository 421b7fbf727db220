using System.Globalization;
using Lab.Core.Model;
using Lab.Core.Services;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// The ordered start of the lab over SSH through the jump host (<c>command:remote:Command</c>): the first Galera
/// node starts a new cluster, the others join one at a time (one donor serves one state transfer), the accounts
/// SQL runs once the whole cluster is there, then HAProxy starts in front of it.
/// </summary>
public static class BringUpCommands
{
    public const string AccountsFile = "/etc/mysql/lab-accounts.sql";

    // cloud-init installs packages and writes the files on first boot; every step waits for it.
    // `status --wait` exits 1 on failure (newer releases use 2 for warnings only, which is fine).
    private const string WaitForCloudInit =
        "set -eu\n" +
        "rc=0; sudo cloud-init status --wait >/dev/null || rc=$?\n" +
        "if [ \"$rc\" -eq 1 ]; then sudo cloud-init status --long; exit 1; fi\n";

    public static IEnumerable<(string Name, YMap Resource)> Build(LabDefinition lab, HostDefinition jump)
    {
        var galera = lab.HostsRunning(ServiceCatalog.Galera);
        string? previous = null;
        if (galera.Count > 0)
        {
            var first = galera[0];
            previous = $"{first.Name}-new-cluster";
            yield return (previous, Command(first, jump, [],
                $"# {first.Name} starts a new cluster (the seed's galera_new_cluster = mariadbd --wsrep-new-cluster).\n" +
                "sudo galera_new_cluster\n" +
                "sudo mariadb -N -B -e \"SHOW GLOBAL STATUS LIKE 'wsrep_cluster_status'\" | grep -q Primary\n"));
            foreach (var joiner in galera.Skip(1))
            {
                var name = $"{joiner.Name}-join";
                yield return (name, Command(joiner, jump, [previous],
                    $"# {joiner.Name} joins the running cluster; systemd returns once it is Synced (after SST from a donor).\n" +
                    "sudo systemctl start mariadb\n"));
                previous = name;
            }
            if (first.Files.Any(f => f.Path == AccountsFile))
            {
                var name = $"{first.Name}-accounts";
                var size = galera.Count.ToString(CultureInfo.InvariantCulture);
                yield return (name, Command(first, jump, [previous],
                    "# The lab's accounts, once, on the first node; Galera replicates them to every node.\n" +
                    "size=$(sudo mariadb -N -B -e \"SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'\" | cut -f2)\n" +
                    $"if [ \"$size\" != {size} ]; then echo \"{first.Name} sees wsrep_cluster_size=$size, expected {size}\" >&2; exit 1; fi\n" +
                    // The file is 0600 root: the redirection must happen as root too.
                    $"sudo sh -c 'mariadb < {AccountsFile}'\n"));
                previous = name;
            }
        }
        foreach (var db in lab.HostsRunning(ServiceCatalog.MariaDb))
        {
            var name = $"{db.Name}-start";
            yield return (name, Command(db, jump, [], "sudo systemctl start mariadb\n"));
            previous ??= name;
        }
        foreach (var proxy in lab.HostsRunning(ServiceCatalog.HaProxy))
            yield return ($"{proxy.Name}-start", Command(proxy, jump, previous is null ? [] : [previous],
                "# HAProxy last: its health checks need the databases up.\n" +
                "sudo systemctl restart haproxy\n" +
                "sudo systemctl is-active --quiet haproxy\n"));
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
