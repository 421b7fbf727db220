using Lab.Core.Hosts;
using Lab.Core.Status;
using Spectre.Console;

namespace Lab.Cli.Views;

/// <summary>Renders a <see cref="LabStatus"/> as a table; no logic beyond choosing colours.</summary>
internal static class StatusView
{
    public static void Render(IAnsiConsole console, LabStatus status)
    {
        var table = new Table().Title(Markup.Escape($"{status.Lab} · instance {status.Instance} · {status.Target} · {status.Subnet}"))
            .AddColumns("host", "address", "services", "cluster_status", "size", "local_state", "ready", "HAProxy backends");
        foreach (var h in status.Hosts)
        {
            var services = string.Join("\n", h.Services.Select(s => $"{Markup.Escape(s.Service)} {Colour(s)}"));
            var g = h.Galera;
            table.AddRow(
                new Markup(Markup.Escape(h.Name)),
                new Markup(Markup.Escape(h.Address)),
                new Markup(services.Length > 0 ? services : "[grey]-[/]"),
                new Markup(g is not null ? Good(g.ClusterStatus, g.ClusterStatus == "Primary") : h.GaleraError is { } e ? $"[red]{Markup.Escape(e)}[/]" : "[grey]-[/]"),
                new Markup(g is not null ? g.ClusterSize.ToString() : ""),
                new Markup(g is not null ? Good(g.LocalStateComment, g.LocalStateComment == "Synced") : ""),
                new Markup(g is not null ? Good(g.Ready, g.Ready == "ON") : ""),
                new Markup(h.Backends is not null
                    ? string.Join("\n", h.Backends.Select(b => Good($"{b.Server} {b.Status}", b.IsUp)))
                    : h.BackendsError is { } be ? $"[red]{Markup.Escape(be)}[/]" : "[grey]-[/]"));
        }
        console.Write(table);
        console.MarkupLine("[grey]cluster_status, local_state, ready: wsrep_cluster_status, wsrep_local_state_comment, wsrep_ready[/]");
        var galera = status.Hosts.Any(h => h.Galera is not null || h.GaleraError is not null);
        console.MarkupLine(!status.Healthy ? "[yellow]not healthy[/]"
            : galera ? "[green]healthy[/]: every node Primary and Synced, every backend UP"
            : "[green]healthy[/]: every service running");
    }

    private static string Colour(ServiceStatus s) => s.State switch
    {
        ServiceState.Running => "[green]up[/]",
        ServiceState.Paused => "[yellow]paused[/]",
        _ => "[red]down[/]",
    };

    private static string Good(string text, bool good) => good ? $"[green]{Markup.Escape(text)}[/]" : $"[red]{Markup.Escape(text)}[/]";
}
