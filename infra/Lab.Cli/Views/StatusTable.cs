using Lab.Core.Hosts;
using Lab.Core.Status;
using Lab.Core.Status.Health;
using Spectre.Console;

namespace Lab.Cli.Views;

/// <summary>
/// The table of `lab status`: host, address and services, then the columns of the lab's aspects (Galera, replication,
/// DRBD, HAProxy). No borders and short headers, so that five hosts of any lab fit an 80-column terminal.
/// </summary>
internal static class StatusTable
{
    /// <param name="Wraps">Whether its cells may break across lines when the table must shrink: only those made of
    /// several words ("mariadb down", "no answer"); names, addresses, GTIDs and states are never cut.</param>
    private sealed record Column(string Header, Func<HostStatus, string> Cell, bool Wraps = false);

    public static Table Build(LabStatus status)
    {
        var columns = ColumnsFor(status.Aspects);
        var table = new Table().Border(TableBorder.None);
        foreach (var c in columns) table.AddColumn(new TableColumn(c.Header) { Padding = new Padding(0, 0, 2, 0), NoWrap = !c.Wraps });
        table.Columns[^1].Padding = new Padding(0, 0, 0, 0);
        foreach (var host in status.Hosts)
            table.AddRow(columns.Select(c => new Markup(c.Cell(host))).ToArray<Spectre.Console.Rendering.IRenderable>());
        return table;
    }

    /// <summary>What the short column names stand for (the server's own variable names).</summary>
    public static IEnumerable<string> Legends(StatusAspects aspects)
    {
        if (aspects.Galera)
        {
            yield return "cluster: wsrep_cluster_status · size: wsrep_cluster_size · ready: wsrep_ready";
            yield return "state: wsrep_local_state_comment";
        }
        if (aspects.Replication)
        {
            yield return "ro: read_only · lag: Seconds_Behind_Master · gtid: gtid_current_pos";
            yield return "IO, SQL: Slave_IO_Running, Slave_SQL_Running";
        }
        yield return "services: up when all of the host's services run (lab status --json lists each)";
    }

    private static List<Column> ColumnsFor(StatusAspects aspects)
    {
        var columns = new List<Column>
        {
            new("host", h => Markup.Escape(h.Name)),
            new("address", h => Markup.Escape(h.Address)),
            new("services", Services, Wraps: true),
        };
        if (aspects.Galera)
            columns.AddRange(
            [
                new("cluster", h => Galera(h, g => Good(g.ClusterStatus, g.ClusterStatus == "Primary"), missing: true), Wraps: true),
                new("size", h => Galera(h, g => Markup.Escape(g.ClusterSize.ToString()))),
                new("state", h => Galera(h, g => Good(g.LocalStateComment, g.LocalStateComment == "Synced")), Wraps: true),
                new("ready", h => Galera(h, g => Good(g.Ready, g.Ready == "ON"))),
            ]);
        if (aspects.Replication)
            columns.AddRange(
            [
                new("role", h => Replication(h, r => Markup.Escape(r.Role), missing: true), Wraps: true),
                new("ro", h => Replication(h, r => r.ReadOnly ? "ON" : "OFF")),
                new("IO", h => Replication(h, r => r.IsReplica ? Good(r.IoThread, r.IoThread == "Yes") : None)),
                new("SQL", h => Replication(h, r => r.IsReplica ? Good(r.SqlThread, r.SqlThread == "Yes") : None)),
                new("lag", h => Replication(h, r => !r.IsReplica ? None : r.LagSeconds is { } s ? Good($"{s}s", s <= ReplicationHealth.MaxLagSeconds) : "[red]NULL[/]")),
                new("gtid", h => Replication(h, r => Markup.Escape(r.CurrentPos.Domains.Count == 0 ? "-" : r.CurrentPos.ToString()))),
            ]);
        if (aspects.Drbd)
            columns.AddRange(
            [
                new("drbd", h => h.Drbd is null ? "" : h.Drbd.Ok ? Good(h.Drbd.Value.Role, h.Drbd.Value.Role is "Primary" or "Secondary") : Missing(h.Drbd.Missing!)),
                new("mariadb", h => h.Drbd is { Ok: true } d ? (d.Value.MariaDbRunning ? "[green]running[/]" : None) : ""),
            ]);
        if (aspects.Haproxy)
            columns.Add(new("haproxy", h => h.Backends is null ? "" : h.Backends.Ok
                ? string.Join("\n", h.Backends.Value.Select(b => Good($"{b.Server} {b.Status}", b.IsUp)))
                : Missing(h.Backends.Missing!), Wraps: true));
        return columns;
    }

    private const string None = "[grey]-[/]";

    private static string Services(HostStatus h) =>
        h.Services.Count == 0 ? None
        : h.AllServicesRunning ? "[green]up[/]"
        : string.Join("\n", h.Services.Where(s => s.State != ServiceState.Running)
            .Select(s => $"[red]{Markup.Escape(s.Service)} {(s.State == ServiceState.Paused ? "paused" : "down")}[/]"));

    /// <summary>A Galera cell; the first column of the group (<paramref name="missing"/>) says why there is no reading.</summary>
    private static string Galera(HostStatus h, Func<Lab.Core.Galera.GaleraStatus, string> cell, bool missing = false) =>
        h.Galera is null ? "" : h.Galera.Ok ? cell(h.Galera.Value) : missing ? Missing(h.Galera.Missing!) : "";

    private static string Replication(HostStatus h, Func<ReplicationReading, string> cell, bool missing = false) =>
        h.Replication is null ? "" : h.Replication.Ok ? cell(h.Replication.Value) : missing ? Missing(h.Replication.Missing!) : "";

    private static string Missing(NoReading why) => $"[red]{Markup.Escape(why.State)}[/]";

    private static string Good(string text, bool good) => good ? $"[green]{Markup.Escape(text)}[/]" : $"[red]{Markup.Escape(text)}[/]";
}
