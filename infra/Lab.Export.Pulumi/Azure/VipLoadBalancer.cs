using Lab.Core.Model;
using Lab.Core.Services;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>
/// The lab's virtual IP, on Azure: an internal Standard load balancer whose frontend is the VIP and whose health probe
/// finds the one host that should hold it (<see cref="VipHolder"/>). For keepalived's VIP (failover) the probe asks each
/// database host the question keepalived's track script asks (check_mariadb.sh writable: the local MariaDB answers and
/// read_only is OFF), over HTTP from a small socket-activated check this class writes; only the writable primary
/// answers 200, so the frontend follows a promotion. VRRP itself cannot work there: Azure's network delivers to the
/// addresses it assigned to NICs, drops the multicast VRRP adverts and ignores the gratuitous ARP a new VRRP master
/// sends, so a VIP that moves by ARP is never routed to its new holder. keepalived is therefore not installed on Azure.
/// For Pacemaker's VIP (ha-drbd) the probe is MariaDB's port itself, as in the seed.
/// </summary>
public static class VipLoadBalancer
{
    public const int ProbePort = 9201;
    public const string CheckProgram = "/usr/local/sbin/lab-vip-check";
    public const string TrackScript = "/etc/keepalived/check_mariadb.sh";

    /// <summary>The lab moves a VIP (keepalived or Pacemaker): the Azure program builds the load balancer instead.</summary>
    public static bool Applies(LabDefinition lab) => Holder(lab) is not null;

    public static string? Vip(LabDefinition lab) => lab.Vars.GetValueOrDefault("vip");

    /// <summary>What moves the lab's VIP locally, or null when it has none the program can stand in for.</summary>
    public static VipHolder? Holder(LabDefinition lab) =>
        Vip(lab) is null ? null : VipHolder.All.FirstOrDefault(h => h.Hosts(lab).Count > 0);

    public static IReadOnlyList<HostDefinition> PoolHosts(LabDefinition lab) => Holder(lab)?.Hosts(lab) ?? [];

    /// <summary>The files and first-boot commands a pool member needs beside the lab's own: the keepalived probe's check only.</summary>
    public static (IReadOnlyList<PlumbingFile>? Files, IReadOnlyList<string[]>? FirstBoot) PlumbingFor(LabDefinition lab) =>
        Holder(lab) == VipHolder.Keepalived ? (Files, FirstBoot) : (null, null);

    /// <summary>The host as cloud-init builds it on Azure: without keepalived (its package, unit and first-boot restart).</summary>
    public static HostDefinition WithoutKeepalived(HostDefinition host) =>
        host with { Services = host.Services.Where(s => s != ServiceCatalog.Keepalived).ToList() };

    private const string CheckScript =
        "#!/bin/sh\n" +
        "# The Azure load balancer's health probe (HTTP on :9201, one request per connection): 200 only when keepalived's\n" +
        "# own track script says this MariaDB is alive and writable (read_only=OFF), i.e. this host is the primary.\n" +
        "# Written by the lab's Azure program in place of keepalived, which Azure's network cannot carry.\n" +
        "while IFS= read -r line; do\n" +
        "  case \"$line\" in ''|\"$(printf '\\r')\") break ;; esac\n" +
        "done\n" +
        "if " + TrackScript + " writable; then body=\"$(hostname) is the writable primary\"; status='200 OK'\n" +
        "else body=\"$(hostname) is not writable\"; status='503 Service Unavailable'; fi\n" +
        "printf 'HTTP/1.1 %s\\r\\nContent-Type: text/plain\\r\\nConnection: close\\r\\nContent-Length: %d\\r\\n\\r\\n%s' \"$status\" \"${#body}\" \"$body\"\n";

    private static readonly string Socket =
        "# Health probe of the Azure load balancer that stands in for the lab's VIP (written by the lab's Azure program).\n" +
        "[Unit]\nDescription=lab VIP health check socket\n\n" +
        $"[Socket]\nListenStream={ProbePort}\nAccept=yes\n\n[Install]\nWantedBy=sockets.target\n";

    private const string Service =
        "[Unit]\nDescription=lab VIP health check\n\n" +
        "[Service]\nExecStart=" + CheckProgram + "\nStandardInput=socket\nStandardOutput=socket\nStandardError=journal\n";

    public static IReadOnlyList<PlumbingFile> Files =>
    [
        new(CheckProgram, "0755", CheckScript),
        new("/etc/systemd/system/lab-vip-check.socket", "0644", Socket),
        new("/etc/systemd/system/lab-vip-check@.service", "0644", Service),
    ];

    public static IReadOnlyList<string[]> FirstBoot =>
    [
        ["systemctl", "daemon-reload"],
        ["systemctl", "enable", "--now", "lab-vip-check.socket"],
    ];

    /// <summary>The load balancer: frontend = the VIP, one backend pool (the hosts that may hold it join it), MariaDB's port.</summary>
    public static YMap Build(LabDefinition lab)
    {
        var holder = Holder(lab) ?? throw new InvalidOperationException($"lab '{lab.Name}' has no VIP for a load balancer");
        var name = $"{lab.Name}-vip";
        string Child(string kind, string child) =>
            new PulumiText().Ref($"{Names.ResourceGroup}.id").Text($"/providers/Microsoft.Network/loadBalancers/{name}/{kind}/{child}").ToString();
        var probe = new YMap()
            .Add("name", holder.ProbeName)
            .Add("protocol", holder.Protocol)
            .Add("port", holder.Port);
        if (holder.RequestPath is { } path) probe.Add("requestPath", path);
        probe
            // keepalived asks every second; Azure's shortest probe interval is 5 s (the seed's too), so one failed answer takes a host out.
            .Add("intervalInSeconds", 5)
            .Add("numberOfProbes", 1)
            .Add("probeThreshold", 1);
        var rule = new YMap()
            .Add("name", "mariadb")
            .Add("protocol", "Tcp")
            .Add("frontendPort", 3306)
            .Add("backendPort", 3306)
            .Add("idleTimeoutInMinutes", 30)
            .Add("enableTcpReset", true);
        if (holder.FloatingIp) rule.Add("enableFloatingIP", true);
        rule
            .Add("frontendIPConfiguration", new YMap().Add("id", Child("frontendIPConfigurations", "vip")))
            .Add("backendAddressPool", new YMap().Add("id", Child("backendAddressPools", "databases")))
            .Add("probe", new YMap().Add("id", Child("probes", holder.ProbeName)));
        return ResourceDecl.Create("azure-native:network:LoadBalancer", NetworkResources.InGroup()
            .Add("loadBalancerName", name)
            .Add("sku", new YMap().Add("name", "Standard"))
            .Add("frontendIPConfigurations", new YList(new YMap()
                .Add("name", "vip")
                .Add("privateIPAllocationMethod", "Static")
                .Add("privateIPAddress", Vip(lab)!)
                .Add("subnet", new YMap().Add("id", PulumiText.Of($"{Names.Subnet}.id")))))
            .Add("backendAddressPools", new YList(new YMap().Add("name", "databases")))
            .Add("probes", new YList(probe))
            .Add("loadBalancingRules", new YList(rule)));
    }

    public static string PoolReference => $"{Names.LoadBalancer}.backendAddressPools[0].id";
}
