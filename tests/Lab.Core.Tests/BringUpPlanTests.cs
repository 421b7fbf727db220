using Lab.Core.BringUp;
using Lab.Core.Galera;
using Lab.Core.Loading;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>The one bring-up plan, read straight from each lab's definition: which steps, in which order, on which hosts.</summary>
public sealed class BringUpPlanTests
{
    private readonly LabCatalog _catalog = new(RepoRoot.Path);

    private IReadOnlyList<string> Keys(string lab, GaleraStart start = GaleraStart.SharedState) =>
        BringUpPlan.For(_catalog.Load(lab), start).Steps.Select(s => s.Key).ToList();

    [Fact]
    public void Given_the_galera_lab_Then_the_cluster_forms_before_accounts_then_haproxy_and_a_client_query()
    {
        Assert.Equal(["prepare", "form-cluster", "wait-synced", "accounts", "start-services", "wait-haproxy", "client-query"], Keys("galera"));
        var plan = BringUpPlan.For(_catalog.Load("galera"), GaleraStart.Classic);
        var form = Assert.IsType<FormGaleraClusterStep>(plan.Steps[1]);
        Assert.Equal(["db1", "db2", "db3"], form.Nodes);
        Assert.Equal(GaleraStart.Classic, form.Start);
        Assert.Equal(["db1"], Assert.IsType<CreateAccountsStep>(plan.Steps[3]).Hosts); // once: Galera replicates it
        var query = Assert.IsType<ClientQueryStep>(plan.Steps[^1]);
        Assert.Equal("client", query.Client);
        Assert.Equal(["db1", "db2", "db3"], query.AnsweredBy);
    }

    [Fact]
    public void Given_the_replication_lab_Then_servers_start_accounts_go_everywhere_and_both_replicas_attach_to_the_primary()
    {
        Assert.Equal(["prepare", "start-servers", "accounts", "attach-replicas", "client-query"], Keys("replication"));
        var plan = BringUpPlan.For(_catalog.Load("replication"), GaleraStart.SharedState);
        Assert.Equal(["primary", "replica1", "replica2"], Assert.IsType<CreateAccountsStep>(plan.Steps[2]).Hosts);
        var attach = Assert.IsType<AttachReplicasStep>(plan.Steps[3]);
        Assert.Equal("primary", attach.Primary);
        Assert.Equal(["replica1", "replica2"], attach.Replicas);
        Assert.Equal(["primary"], Assert.IsType<ClientQueryStep>(plan.Steps[^1]).AnsweredBy);
    }

    [Fact]
    public void Given_the_failover_lab_Then_keepalived_starts_after_the_replicas_and_the_vip_is_awaited_on_the_primary()
    {
        Assert.Equal(["prepare", "start-servers", "accounts", "attach-replicas", "start-services", "wait-vip", "client-query"], Keys("failover"));
        var plan = BringUpPlan.For(_catalog.Load("failover"), GaleraStart.SharedState);
        Assert.Equal(("10.10.10.110", "primary"), (Assert.IsType<WaitVirtualIpStep>(plan.Steps[5]).Address, ((WaitVirtualIpStep)plan.Steps[5]).Holder));
        Assert.Contains("virtual IP", Assert.IsType<ClientQueryStep>(plan.Steps[^1]).Via);
    }

    [Fact]
    public void Given_a_lab_moved_to_another_subnet_Then_the_plans_addresses_move_with_it()
    {
        var moved = _catalog.Load("failover").MovedTo(new Model.Ipv4Subnet(0x0A0A0B00, 24));
        Assert.Equal("10.10.11.110", BringUpPlan.For(moved, GaleraStart.SharedState).Steps.OfType<WaitVirtualIpStep>().Single().Address);
    }

    [Fact]
    public void Checks_are_exactly_the_steps_that_only_observe()
    {
        var plan = BringUpPlan.For(_catalog.Load("galera"), GaleraStart.Classic);
        Assert.Equal(["wait-synced", "wait-haproxy", "client-query"], plan.Checks.Select(s => s.Key));
    }
}
