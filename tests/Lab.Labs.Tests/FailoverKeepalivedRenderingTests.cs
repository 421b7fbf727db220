using Lab.Core.Loading;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using Lab.Labs.Tests.Support;

namespace Lab.Labs.Tests;

/// <summary>
/// The failover lab's second keepalived configuration (the vip-split-brain scenario's MMM-style automatic failover) and
/// its secondary check, as each database host gets them; keepalived.conf, which the other scenarios use, is untouched.
/// </summary>
public sealed class FailoverKeepalivedRenderingTests
{
    private static readonly LabCatalog Catalog = new(RepoRoot.Path);
    private static readonly Core.Model.LabDefinition Lab = Catalog.Load("failover");
    private const string AutoFailover = "/etc/keepalived/keepalived-auto-failover.conf";

    private static Core.Rendering.RenderedFile File(string host, string path) =>
        new TemplateRenderer(Catalog.TemplatesRoot).RenderHost(Lab, Lab.Host(host), LabSecrets.Placeholders()).Single(f => f.Path == path);

    private static string Body(string text) => string.Join('\n', text.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));

    [Fact]
    public void Given_the_primary_When_rendered_Then_it_is_the_higher_priority_master_that_never_promotes_anyone_and_adverts_to_every_replica()
    {
        var conf = Body(File("primary", AutoFailover).Content);

        Assert.Matches(@"vrrp_instance VI_DB {\s*state MASTER\s*interface eth0\s*virtual_router_id 51\s*priority 110\s*advert_int 1\s*unicast_src_ip 10\.10\.10\.111\s*" +
                       @"unicast_peer {\s*10\.10\.10\.112\s*10\.10\.10\.113\s*}\s*virtual_ipaddress {\s*10\.10\.10\.110/24 dev eth0\s*}\s*track_script {\s*chk_mariadb_alive\s*}\s*}", conf);
        Assert.DoesNotContain("notify_master", conf);
        Assert.DoesNotContain("chk_primary_gone", conf);
    }

    [Fact]
    public void Given_the_standby_When_rendered_Then_it_promotes_itself_on_MASTER_and_carries_the_secondary_check_switched_off()
    {
        var conf = File("replica1", AutoFailover).Content;

        Assert.Matches(@"vrrp_instance VI_DB {\s*state BACKUP\s*interface eth0\s*virtual_router_id 51\s*priority 100\s*advert_int 1\s*unicast_src_ip 10\.10\.10\.112\s*" +
                       @"unicast_peer {\s*10\.10\.10\.111\s*}", conf);
        Assert.Contains("script \"/etc/keepalived/check_mariadb.sh primary-gone 10.10.10.111\"", conf);
        // The scenario's edit turns the check on by removing "# " from exactly this one line.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(conf, "# chk_primary_gone"));
        Assert.Matches(@"track_script {\s*chk_mariadb_alive\s*# chk_primary_gone\s*}", conf);
        Assert.Contains("notify_master \"/usr/bin/mariadb -e 'STOP SLAVE; SET GLOBAL read_only = OFF'\"", conf);
    }

    [Fact]
    public void Given_the_other_replica_When_rendered_Then_it_has_no_VRRP_instance_and_can_never_take_the_VIP()
    {
        var conf = Body(File("replica2", AutoFailover).Content);

        Assert.Contains("router_id replica2", conf);
        Assert.DoesNotContain("vrrp_instance", conf);
        Assert.DoesNotContain("vrrp_script", conf);
    }

    [Fact]
    public void Given_the_secondary_check_login_When_rendered_Then_it_is_the_replication_account_in_a_0600_file()
    {
        var cnf = File("replica1", "/etc/keepalived/secondary-check.cnf");

        Assert.Equal("0600", cnf.Mode);
        Assert.Matches(@"\[client\]\s*user\s*=\s*repl\s*password\s*=\s*\S+", cnf.Content);
        Assert.Contains("--defaults-extra-file=/etc/keepalived/secondary-check.cnf", File("replica1", "/etc/keepalived/check_mariadb.sh").Content);
    }

    [Fact]
    public void Given_the_lab_When_rendered_Then_keepalived_conf_which_the_other_scenarios_use_has_no_trace_of_the_variant()
    {
        foreach (var host in new[] { "primary", "replica1", "replica2" })
        {
            var conf = File(host, "/etc/keepalived/keepalived.conf").Content;
            Assert.Contains("priority 100", conf);
            Assert.Contains("chk_mariadb_writable", conf);
            Assert.DoesNotContain("notify_master", conf);
            Assert.DoesNotContain("primary-gone", conf);
        }
    }
}
