using Lab.Core.BringUp;
using Lab.Core.Galera;
using Lab.Core.Loading;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using Lab.Labs.Tests.Support;

namespace Lab.Labs.Tests;

/// <summary>The ha-drbd lab's files as the seed (002) writes them, with this lab's hosts, disks and addresses.</summary>
public sealed class HaDrbdRenderingTests
{
    private static readonly LabCatalog Catalog = new(RepoRoot.Path);
    private static readonly Core.Model.LabDefinition Lab = Catalog.Load("ha-drbd");

    private static string File(string host, string path) =>
        new TemplateRenderer(Catalog.TemplatesRoot).RenderHost(Lab, Lab.Host(host), LabSecrets.Placeholders()).Single(f => f.Path == path).Content;

    [Fact]
    public void Given_r0_When_rendered_Then_both_nodes_have_the_data_disk_their_address_and_protocol_C()
    {
        var r0 = File("node1", "/etc/drbd.d/r0.res");

        static string Body(string text) => text[text.IndexOf("resource r0", StringComparison.Ordinal)..];
        Assert.Equal(Body(r0), Body(File("node2", "/etc/drbd.d/r0.res"))); // the same resource on both nodes, as the seed asks
        Assert.Contains("protocol C;", r0);
        foreach (var (name, address) in new[] { ("node1", "10.10.40.11"), ("node2", "10.10.40.12") })
            Assert.Matches($@"on {name} {{\s*device\s+/dev/drbd1;\s*disk\s+/dev/vdc;\s*address\s+{address.Replace(".", @"\.")}:7789;\s*meta-disk internal;", r0);
    }

    [Fact]
    public void Given_corosync_conf_When_rendered_Then_it_is_udpu_with_a_nodelist_two_node_and_every_key_on_its_own_line()
    {
        var conf = File("node1", "/etc/corosync/corosync.conf");

        Assert.Contains("transport: udpu", conf);
        Assert.Contains("two_node: 1", conf);
        Assert.Contains("provider: corosync_votequorum", conf);
        Assert.Matches(@"node {\n\s*ring0_addr: 10\.10\.40\.11\n\s*name: node1\n\s*nodeid: 11\n\s*}", conf);
        Assert.Matches(@"node {\n\s*ring0_addr: 10\.10\.40\.12\n\s*name: node2\n\s*nodeid: 12\n\s*}", conf);
        // Corosync's parser rejects `node { ring0_addr: ...` on one line (DESIGN §6).
        Assert.DoesNotMatch(@"\{[ \t]*\S+:", conf);
    }

    [Fact]
    public void Given_the_crm_file_When_rendered_Then_it_has_the_seeds_resources_constraints_and_the_lab_vip()
    {
        var crm = File("node1", "/etc/pacemaker/cluster.crm");

        foreach (var text in new[]
                 {
                     "primitive drbd_mysql ocf:linbit:drbd", "params drbd_resource=\"r0\"", "ms ms_drbd_mysql drbd_mysql",
                     "primitive fs_mysql ocf:heartbeat:Filesystem", "directory=\"/var/lib/mysql\"", "primitive mysqld systemd:mariadb",
                     "params ip=\"10.10.40.100\"", "group mysql fs_mysql mysqld vip", "colocation mysql_on_drbd", "inf: mysql ms_drbd_mysql:Master",
                     "order mysql_after_drbd", "inf: ms_drbd_mysql:promote mysql:start", "property stonith-enabled=false no-quorum-policy=ignore",
                 })
            Assert.Contains(text, crm);
        Assert.Single(crm.Split('\n'), l => l.StartsWith("property", StringComparison.Ordinal)); // crmsh 4.4: one property set
    }

    [Fact]
    public void Given_an_instance_on_another_subnet_When_rendered_Then_addresses_and_the_vip_move_with_it()
    {
        Core.Model.Ipv4Subnet.TryParse("10.10.41.0/24", out var other);
        var moved = Lab.MovedTo(other);
        var files = new TemplateRenderer(Catalog.TemplatesRoot).RenderHost(moved, moved.Host("node2"), LabSecrets.Placeholders());

        Assert.Contains("address   10.10.41.12:7789;", files.Single(f => f.Path == "/etc/drbd.d/r0.res").Content);
        Assert.Contains("ip=\"10.10.41.100\"", files.Single(f => f.Path == "/etc/pacemaker/cluster.crm").Content);
        Assert.Equal(Lab.Setup.Count, moved.Setup.Count);
    }

    [Fact]
    public void Given_the_lab_When_planned_Then_the_seeds_setup_runs_after_prepare_and_the_client_query_is_answered_by_a_node()
    {
        var plan = BringUpPlan.For(Lab, GaleraStart.Classic);

        Assert.Equal(["prepare", "setup-1", "setup-2", "setup-3", "setup-4", "start-services", "client-query"], plan.Steps.Select(s => s.Key));
        var query = Assert.IsType<ClientQueryStep>(plan.Steps[^1]);
        Assert.Equal(["node1", "node2"], query.AnsweredBy);
        Assert.All(Lab.Hosts.Where(h => h.Role == "node"), h => Assert.Equal(256, h.VmSize.DataDiskMb));
    }
}
