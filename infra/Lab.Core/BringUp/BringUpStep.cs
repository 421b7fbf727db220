using Lab.Core.Galera;
using Lab.Core.Messages;
using Lab.Core.Model;

namespace Lab.Core.BringUp;

/// <summary>
/// One step every target takes to turn a lab definition into a working lab. Steps are data: the live targets run
/// them through <see cref="BringUpRunner"/>, the Azure program generator turns the same list into command resources.
/// </summary>
public abstract record BringUpStep
{
    /// <summary>Stable, short and unique within a plan: used in progress lines and resource names.</summary>
    public abstract string Key { get; }

    /// <summary>What the step does, for progress lines and the README's "how it is built".</summary>
    public string Describe() => Describe(Language.En);

    /// <summary>What the step does, in a run's language.</summary>
    public abstract string Describe(Language language);

    /// <summary>Observes without changing anything: a target whose hosts were built elsewhere (Azure) re-runs only these.</summary>
    public virtual bool IsCheck => false;
}

/// <summary>Packages, the distribution's services stopped, systemd plumbing and the rendered files on every host (target-specific).</summary>
/// <param name="AsInstalled">`lab up --bare`: none of the lab's files, the distribution's own instead.</param>
public sealed record PrepareHostsStep(IReadOnlyList<string> Hosts, bool AsInstalled = false) : BringUpStep
{
    public override string Key => "prepare";
    public override string Describe(Language language) =>
        (AsInstalled ? EngineText.Checks.PrepareAsInstalled : EngineText.BringUp.Prepare).In(language, string.Join(", ", Hosts));
}

/// <summary>The Galera nodes form one cluster: together from a shared state, or the seeds' way (new cluster, then joins).</summary>
public sealed record FormGaleraClusterStep(IReadOnlyList<string> Nodes, GaleraStart Start) : BringUpStep
{
    public override string Key => "form-cluster";
    public override string Describe(Language language) => Start == GaleraStart.SharedState
        ? EngineText.BringUp.FormShared.In(language, string.Join(", ", Nodes))
        : EngineText.BringUp.FormClassic.In(language, Nodes[0], string.Join(", ", Nodes.Skip(1)));
}

/// <summary>Every node Primary and Synced in a cluster of all of them.</summary>
public sealed record WaitGaleraSyncedStep(IReadOnlyList<string> Nodes) : BringUpStep
{
    public override string Key => "wait-synced";
    public override bool IsCheck => true;
    public override string Describe(Language language) => EngineText.BringUp.WaitSynced.In(language, string.Join(", ", Nodes), Nodes.Count);
}

/// <summary>
/// Plain MariaDB servers (no Galera) started and answering. <see cref="Service"/> is the service that runs them: a bare
/// lab's Galera nodes run stand-alone, as installed, under their own service (the one their `systemctl` controls).
/// </summary>
public sealed record StartServersStep(IReadOnlyList<string> Servers, string Service = Services.ServiceCatalog.MariaDb) : BringUpStep
{
    public override string Key => "start-servers";
    public override string Describe(Language language) => EngineText.BringUp.StartServers.In(language, string.Join(", ", Servers));
}

/// <summary>The instance's accounts file run on each host (once on a Galera cluster: it replicates).</summary>
public sealed record CreateAccountsStep(IReadOnlyList<string> Hosts, string File) : BringUpStep
{
    public override string Key => "accounts";
    public override string Describe(Language language) => EngineText.BringUp.Accounts.In(language, File, string.Join(", ", Hosts));
}

/// <summary>Each replica loads a consistent copy of the primary and replicates from it by GTID, caught up.</summary>
public sealed record AttachReplicasStep(string Primary, IReadOnlyList<string> Replicas) : BringUpStep
{
    public override string Key => "attach-replicas";
    public override string Describe(Language language) => EngineText.BringUp.AttachReplicas.In(language, string.Join(", ", Replicas), Primary);
}

/// <summary>The services that are not databases (clustercheck, HAProxy, keepalived) started where stopped.</summary>
public sealed record StartServicesStep(IReadOnlyList<HostService> Services) : BringUpStep
{
    public override string Key => "start-services";
    public override string Describe(Language language) =>
        EngineText.BringUp.StartServices.In(language, string.Join(", ", Services.Select(s => EngineText.BringUp.ServiceOnHost.In(language, s.Service, s.Host))));
}

public sealed record HostService(string Host, string Service);

/// <summary>The virtual IP held by exactly the primary.</summary>
public sealed record WaitVirtualIpStep(string Address, string Holder) : BringUpStep
{
    public override string Key => "wait-vip";
    public override bool IsCheck => true;
    public override string Describe(Language language) => EngineText.BringUp.WaitVip.In(language, Address, Holder);
}

/// <summary>Every HAProxy backend UP.</summary>
public sealed record WaitHaproxyStep(IReadOnlyList<string> Proxies, int Backends) : BringUpStep
{
    public override string Key => "wait-haproxy";
    public override bool IsCheck => true;
    public override string Describe(Language language) => EngineText.BringUp.WaitHaproxy.In(language, string.Join(", ", Proxies), Backends);
}

/// <summary>
/// A query from the client host as a student would type it, answered by one of the expected servers. <see cref="ViaText"/>
/// names the way in ("HAProxy on haproxy", "the virtual IP ...") in both languages.
/// </summary>
public sealed record ClientQueryStep(string Client, LocalizedText ViaText, IReadOnlyList<string> AnsweredBy) : BringUpStep
{
    public string Via => ViaText.En;

    public override string Key => "client-query";
    public override bool IsCheck => true;
    public override string Describe(Language language) => EngineText.BringUp.ClientQuery.In(language, Client, ViaText.In(language), string.Join(", ", AnsweredBy));
}
