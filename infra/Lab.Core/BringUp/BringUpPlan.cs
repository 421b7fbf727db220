using Lab.Core.Galera;
using Lab.Core.Messages;
using Lab.Core.Model;
using Lab.Core.Replication;
using Lab.Core.Services;

namespace Lab.Core.BringUp;

/// <summary>
/// The ordered steps that bring any lab up, derived from its definition alone: prepare hosts; form the Galera cluster
/// or start the servers; accounts; attach replicas; start the remaining services; wait for the virtual IP and for
/// HAProxy; a client query. Every target runs this list, and the Azure program is generated from it: there is no
/// second copy of the order.
/// </summary>
public sealed record BringUpPlan(LabDefinition Lab, IReadOnlyList<BringUpStep> Steps)
{
    public const string AccountsFile = "/etc/mysql/lab-accounts.sql";

    /// <param name="bare">
    /// `lab up --bare`: the plan stops where a student's own work begins (see <see cref="AsInstalled"/>).
    /// </param>
    public static BringUpPlan For(LabDefinition lab, GaleraStart start, bool bare = false)
    {
        if (bare) return AsInstalled(lab);
        var steps = new List<BringUpStep> { new PrepareHostsStep(lab.Hosts.Select(h => h.Name).ToList()) };
        // The lab's own procedure (lab.yaml `setup:`), in its order, on prepared hosts before any service starts.
        steps.AddRange(lab.Setup.Select((s, i) => new LabSetupStep(s, i)));
        var galera = Names(lab.HostsRunning(ServiceCatalog.Galera));
        var servers = Names(lab.HostsRunning(ServiceCatalog.MariaDb));
        if (galera.Count > 0)
        {
            steps.Add(new FormGaleraClusterStep(galera, start));
            steps.Add(new WaitGaleraSyncedStep(galera));
            if (HasAccounts(lab, galera[0])) steps.Add(new CreateAccountsStep([galera[0]], AccountsFile));
        }
        if (servers.Count > 0)
        {
            steps.Add(new StartServersStep(servers));
            var withAccounts = servers.Where(s => HasAccounts(lab, s)).ToList();
            if (withAccounts.Count > 0) steps.Add(new CreateAccountsStep(withAccounts, AccountsFile));
        }
        var primary = ReplicationRoles.InitialPrimary(lab);
        var replicas = Names(ReplicationRoles.InitialReplicas(lab));
        if (primary is not null && replicas.Count > 0) steps.Add(new AttachReplicasStep(primary.Name, replicas));

        var others = lab.Hosts.SelectMany(h => h.Services.Where(s => !ServiceCatalog.IsDatabase(s)).Select(s => new HostService(h.Name, s))).ToList();
        if (others.Count > 0) steps.Add(new StartServicesStep(others));

        var vip = lab.Vars.GetValueOrDefault("vip");
        var keepalived = lab.HostsRunning(ServiceCatalog.Keepalived).Count > 0;
        if (vip is not null && keepalived && primary is not null) steps.Add(new WaitVirtualIpStep(vip, primary.Name));
        var proxies = Names(lab.HostsRunning(ServiceCatalog.HaProxy));
        if (proxies.Count > 0 && galera.Count > 0) steps.Add(new WaitHaproxyStep(proxies, galera.Count));

        if (lab.Hosts.FirstOrDefault(h => h.Role == "client") is { } client && ClientTarget(lab, vip, proxies, galera) is { } via)
            steps.Add(new ClientQueryStep(client.Name, via.Via, via.AnsweredBy));
        return new BringUpPlan(lab, steps);
    }

    /// <summary>
    /// The services Debian's packages start on install, with the package's own configuration: the MariaDB server
    /// (stand-alone; Galera stays off until configured), HAProxy (no proxies yet) and nginx. keepalived's unit needs a
    /// configuration file first, Pacemaker and the Galera health check are the lab's own.
    /// </summary>
    public static readonly IReadOnlyList<string> StartedOnInstall = [ServiceCatalog.Galera, ServiceCatalog.MariaDb, ServiceCatalog.HaProxy, ServiceCatalog.Nginx];

    /// <summary>
    /// The hosts as on a Debian VM right after `apt install`: prepared (packages, the distribution's own configuration
    /// files, an initialised data directory) and the services the packages start running as installed. None of the lab's
    /// files, setup steps, cluster, accounts or checks: that is the student's part, graded by `lab check`.
    /// </summary>
    private static BringUpPlan AsInstalled(LabDefinition lab)
    {
        var steps = new List<BringUpStep> { new PrepareHostsStep(lab.Hosts.Select(h => h.Name).ToList(), AsInstalled: true) };
        foreach (var database in new[] { ServiceCatalog.Galera, ServiceCatalog.MariaDb })
            if (Names(lab.HostsRunning(database)) is { Count: > 0 } servers) steps.Add(new StartServersStep(servers, database));
        var others = lab.Hosts.SelectMany(h => h.Services.Where(s => !ServiceCatalog.IsDatabase(s) && StartedOnInstall.Contains(s))
            .Select(s => new HostService(h.Name, s))).ToList();
        if (others.Count > 0) steps.Add(new StartServicesStep(others));
        return new BringUpPlan(lab, steps) { Bare = true };
    }

    /// <summary>Built for `lab up --bare`: the hosts as installed, the lab left for the student to build.</summary>
    public bool Bare { get; init; }

    /// <summary>Only the steps that observe: what a target re-checks when the hosts were built by someone else.</summary>
    public IEnumerable<BringUpStep> Checks => Steps.Where(s => s.IsCheck);

    private static (LocalizedText Via, IReadOnlyList<string> AnsweredBy)? ClientTarget(LabDefinition lab, string? vip, IReadOnlyList<string> proxies, IReadOnlyList<string> galera)
    {
        var connectsTo = lab.Vars.GetValueOrDefault("client_connects_to");
        if (connectsTo is not null && connectsTo == vip && ReplicationRoles.InitialPrimary(lab) is { } primary)
            return (EngineText.BringUp.ViaVirtualIp.Both(connectsTo), [primary.Name]);
        if (connectsTo is not null && lab.Hosts.FirstOrDefault(h => h.Address == connectsTo) is { } direct)
            return (new LocalizedText($"{direct.Name} ({direct.Address})", null), [direct.Name]);
        if (proxies.Count > 0 && galera.Count > 0) return (EngineText.BringUp.ViaHaproxy.Both(proxies[0]), galera);
        // A virtual IP that a cluster manager (Pacemaker) moves: whichever of its nodes holds it answers.
        var managers = Names(lab.HostsRunning(ServiceCatalog.Pacemaker));
        if (connectsTo is not null && connectsTo == vip && managers.Count > 0) return (EngineText.BringUp.ViaVirtualIp.Both(connectsTo), managers);
        return null;
    }

    private static bool HasAccounts(LabDefinition lab, string host) => lab.Host(host).Files.Any(f => f.Path == AccountsFile);

    private static List<string> Names(IEnumerable<HostDefinition> hosts) => hosts.Select(h => h.Name).ToList();
}
