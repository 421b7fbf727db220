using Lab.Core.Messages;
using Lab.Core.Services;
using Lab.Reports.Html;
using Lab.Reports.Model;
using H = Lab.Reports.Html.Html;

namespace Lab.Reports.Rendering;

/// <summary>
/// The lab drawn as inline SVG: one box per host (name, role, services, addresses) in a row, each lab network as a bar
/// below with its subnet, a line from each host to every network it joins, and the virtual IP under the hosts that can take it.
/// </summary>
internal static class TopologySvg
{
    private const double Width = 1000, Margin = 20, LineHeight = 17, BoxTop = 14, BarGap = 56, BarStep = 46;

    public static H Render(Topology topology, Language language)
    {
        var hosts = topology.Hosts;
        var column = (Width - 2 * Margin) / Math.Max(hosts.Count, 1);
        var boxWidth = Math.Min(column - 18, 210);
        var lines = hosts.Count == 0 ? 3 : hosts.Max(h => 3 + h.Addresses.Count);
        var boxHeight = lines * LineHeight + 16;
        var firstBar = BoxTop + boxHeight + BarGap;
        double BarY(string network) => firstBar + BarStep * Math.Max(0, topology.Networks.ToList().FindIndex(n => n.Name == network));
        double CenterX(int i) => Margin + column * i + column / 2;
        var parts = new List<H>();

        for (var n = 0; n < topology.Networks.Count; n++)
        {
            var net = topology.Networks[n];
            var y = firstBar + BarStep * n;
            parts.Add(Svg.Rect(Margin, y, Width - 2 * Margin, 8, "net-bar", radius: 4));
            parts.Add(Svg.Text(Width - Margin, y + 24, ReportText.Network.In(language, net.Name, net.Subnet), "net-label", "end"));
        }
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            var x = CenterX(i) - boxWidth / 2;
            var links = host.Addresses.Select((a, k) => (a, dx: (k - (host.Addresses.Count - 1) / 2.0) * 14)).ToList();
            foreach (var (address, dx) in links)
            {
                var y = BarY(address.Network);
                parts.Add(Svg.Line(CenterX(i) + dx, BoxTop + boxHeight, CenterX(i) + dx, y, "net-link"));
                parts.Add(Svg.Circle(CenterX(i) + dx, y + 4, 4, "net-dot", $"{host.Name} {address.Device} {address.Address}"));
            }
            var kind = Kind(host);
            var content = new List<H>
            {
                Svg.Rect(x, BoxTop, boxWidth, boxHeight, $"host-box host-{kind}", radius: 8),
                Svg.Rect(x, BoxTop, boxWidth, 6, $"host-stripe host-{kind}", radius: 3),
                Svg.Text(x + 12, BoxTop + 26, host.Name, "host-name"),
                Svg.Text(x + 12, BoxTop + 26 + LineHeight, host.Role, "host-role"),
                Svg.Text(x + 12, BoxTop + 26 + 2 * LineHeight, host.Services.Count > 0 ? string.Join(", ", host.Services) : "—", "host-services"),
            };
            for (var k = 0; k < host.Addresses.Count; k++)
                content.Add(Svg.Text(x + 12, BoxTop + 26 + (3 + k) * LineHeight, $"{host.Addresses[k].Device}  {host.Addresses[k].Address}", "host-address"));
            if (host.CanHoldVip)
                content.Add(Svg.Text(x + boxWidth - 10, BoxTop + 26, "VIP", "host-vip", "end"));
            parts.Add(Html.Html.Element("g", [("class", "host"), ("data-host", host.Name)], [.. content]));
        }
        var height = firstBar + BarStep * Math.Max(topology.Networks.Count - 1, 0) + 40;
        if (topology.Vip is { } vip && hosts.Select((h, i) => (h, i)).Where(p => p.h.CanHoldVip).Select(p => CenterX(p.i)).ToList() is { Count: > 0 } xs)
        {
            var top = firstBar + 30;
            var left = xs.Min() - 90;
            var right = xs.Max() + 90;
            foreach (var cx in xs) parts.Add(Svg.Line(cx, firstBar + 8, cx, top, "vip-link"));
            parts.Add(Svg.Rect(left, top, right - left, 30, "vip-box", radius: 15));
            parts.Add(Svg.Text((left + right) / 2, top + 20, ReportText.VirtualIp.In(language, vip), "vip-label", "middle"));
            height = Math.Max(height, top + 50);
        }
        return Html.Html.Element("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", $"0 0 {Svg.N(Width)} {Svg.N(height)}"),
            ("class", "topology"), ("role", "img"), ("aria-label", ReportText.Topology.In(language))], [.. parts]);
    }

    private static string Kind(TopologyHost host) =>
        host.Services.Any(s => s is ServiceCatalog.Galera or ServiceCatalog.MariaDb) ? "db"
        : host.Services.Contains(ServiceCatalog.HaProxy) ? "proxy"
        : host.Services.Count == 0 ? "client" : "other";

    public const string Css = """
        .topology { width: 100%; }
        .net-bar { fill: #9fb3c8; } .net-label { font-size: 12px; fill: #486581; font-weight: 600; }
        .net-link { stroke: #9fb3c8; stroke-width: 2; } .net-dot { fill: #486581; }
        .host-box { fill: #fff; stroke: #bcccdc; stroke-width: 1.5; }
        .host-stripe.host-db { fill: #1c5d99; } .host-stripe.host-proxy { fill: #7048e8; } .host-stripe.host-client { fill: #868e96; } .host-stripe.host-other { fill: #0c8599; }
        .host-name { font-size: 15px; font-weight: 700; fill: #1f2933; } .host-role { font-size: 12px; fill: #486581; }
        .host-services { font-size: 12px; fill: #616e7c; } .host-address { font-size: 12px; fill: #1f2933; font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
        .host-vip { font-size: 11px; font-weight: 700; fill: #1c5d99; }
        .vip-link { stroke: #1c5d99; stroke-width: 1.5; stroke-dasharray: 4 3; }
        .vip-box { fill: #e7f0fa; stroke: #1c5d99; stroke-width: 1.5; stroke-dasharray: 5 3; } .vip-label { font-size: 13px; font-weight: 600; fill: #1c5d99; }
        """;
}
