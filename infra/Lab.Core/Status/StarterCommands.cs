using Lab.Core.Model;
using Lab.Core.Replication;
using Lab.Core.Services;
using Lab.Core.Status.Health;

namespace Lab.Core.Status;

/// <summary>What `lab up` suggests doing next, with the lab's own host names: its client, its primary or first node, a replica.</summary>
public static class StarterCommands
{
    public static IReadOnlyList<string> For(LabDefinition lab, LabCommands commands)
    {
        var lines = new List<string>();
        var client = lab.Hosts.FirstOrDefault(h => h.Role == "client");
        var server = ReplicationRoles.InitialPrimary(lab)
                     ?? lab.HostsRunning(ServiceCatalog.Galera).FirstOrDefault()
                     ?? lab.HostsRunning(ServiceCatalog.MariaDb).FirstOrDefault();
        var replica = ReplicationRoles.InitialReplicas(lab).FirstOrDefault();
        // The client's own mariadb goes where an application would: through HAProxy, to the VIP, or to the primary.
        if (client is not null) lines.Add(commands.Shell(client.Name, "mariadb -e 'SELECT @@hostname'"));
        if (server is not null)
            lines.Add(commands.Sql(server.Name, server.Runs(ServiceCatalog.Galera) ? "SHOW STATUS LIKE 'wsrep_cluster_size'" : "SELECT @@hostname, @@read_only"));
        if (replica is not null) lines.Add(commands.Sql(replica.Name, "SHOW SLAVE STATUS"));
        if (server is not null) lines.Add($"lab kill {server.Name}" + (commands.NameInstance ? $" --instance {commands.Instance}" : "") +
                                          "    # then: lab status");
        lines.Add($"lab run {lab.Name}" + (commands.Instance == lab.Name ? "" : $" --instance {commands.Instance}") + "    # its scenarios");
        lines.Add($"lab down --instance {commands.Instance}");
        return lines;
    }
}
