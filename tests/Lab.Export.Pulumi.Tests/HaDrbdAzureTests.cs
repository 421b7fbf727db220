using System.Text;
using System.Text.RegularExpressions;
using Lab.Core.Rendering;
using Lab.Export.Pulumi.Azure;
using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>
/// The ha-drbd program (seed 002 on Azure): a managed data disk per node that DRBD's r0.res names by Azure's device
/// path, the cluster stack installed by cloud-init, the seed's "load-balanced set" as an internal load balancer
/// probing MariaDB's port with the VIP Pacemaker's IPaddr2 holds, no cluster port open to the internet, fencing
/// plainly off, and every VM replaced (delete first) when its cloud-init changes.
/// </summary>
public sealed class HaDrbdAzureTests
{
    private readonly GaleraProgram _drbd = new("ha-drbd");

    private static readonly string[] Nodes = ["node1", "node2"];

    private YamlMappingNode Vm(string host) => GaleraProgram.Properties(_drbd.Resource(Names.Vm(host)));

    private YamlMappingNode CloudInit(string host) =>
        YamlTree.ParseMap(GaleraProgram.EvaluateWithFakeSecrets(Vm(host).Map("osProfile").Map("customData").Str("fn::toBase64")));

    private string WrittenFile(string host, string path) =>
        CloudInit(host).Seq("write_files").Children.Cast<YamlMappingNode>().Single(f => f.Str("path") == path).Str("content");

    [Fact]
    public void Given_each_VM_When_read_Then_a_node_has_one_empty_managed_data_disk_at_lun_0_and_the_client_none()
    {
        foreach (var host in _drbd.Lab.Hosts)
        {
            var storage = Vm(host.Name).Map("storageProfile");
            if (!Nodes.Contains(host.Name))
            {
                Assert.Null(storage.Find("dataDisks"));
                continue;
            }
            var disk = (YamlMappingNode)storage.Seq("dataDisks").Children.Single();
            Assert.Equal($"{host.Name}-data", disk.Str("name"));
            Assert.Equal("0", disk.Str("lun"));
            Assert.Equal("Empty", disk.Str("createOption"));
            // vm: { disk: 256M } in lab.yaml, in Azure's whole GiB.
            Assert.Equal(256, host.Vm!.DataDiskMb);
            Assert.Equal("1", disk.Str("diskSizeGB"));
            Assert.Equal("Delete", disk.Str("deleteOption"));
            Assert.Equal("None", disk.Str("caching"));
            Assert.Equal(AzureDefaults.OsDiskType, disk.Map("managedDisk").Str("storageAccountType"));
        }
    }

    [Fact]
    public void Given_each_VM_When_its_options_are_read_Then_a_customData_change_replaces_it_deleting_first()
    {
        foreach (var host in _drbd.Lab.Hosts)
        {
            var options = _drbd.Resource(Names.Vm(host.Name)).Map("options");
            Assert.Equal([HostResources.CustomDataPath], options.Seq("replaceOnChanges").Children.Select(n => ((YamlScalarNode)n).Value));
            Assert.Equal("true", options.Str("deleteBeforeReplace"));
        }
    }

    [Fact]
    public void Given_r0_res_When_rendered_for_Azure_and_for_the_vm_target_Then_each_names_its_own_device_for_the_data_disk()
    {
        foreach (var node in Nodes)
        {
            var r0 = WrittenFile(node, "/etc/drbd.d/r0.res");
            Assert.Equal(2, Regex.Matches(r0, @"^\s*disk\s+/dev/disk/azure/scsi1/lun0;$", RegexOptions.Multiline).Count);
            Assert.DoesNotContain("/dev/vdc", r0);
        }
        Assert.Equal("/dev/disk/azure/scsi1/lun0", AzureDataDisk.GuestDevice);

        // The same template for the vm target (`lab up`, `lab render`): QEMU's third virtio disk.
        var local = new TemplateRenderer(_drbd.Catalog.TemplatesRoot)
            .RenderHost(_drbd.Lab, _drbd.Lab.Host("node1"), GaleraProgram.FakeSecrets).Single(f => f.Path == "/etc/drbd.d/r0.res").Content;
        Assert.Equal(2, Regex.Matches(local, @"^\s*disk\s+/dev/vdc;$", RegexOptions.Multiline).Count);
    }

    [Fact]
    public void Given_a_node_s_cloud_init_When_read_Then_it_installs_the_cluster_stack_DRBD_s_tools_and_MariaDB_and_the_client_none_of_them()
    {
        string[] stack = ["corosync", "pacemaker", "crmsh", "drbd-utils", "mariadb-server"];
        foreach (var host in _drbd.Lab.Hosts)
        {
            var packages = CloudInit(host.Name).Seq("packages").Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
            foreach (var package in stack)
                Assert.Equal(Nodes.Contains(host.Name), packages.Contains(package));
            Assert.Equal(packages.Count, packages.Distinct().Count());
        }
    }

    [Fact]
    public void Given_the_vip_When_exported_Then_it_is_an_internal_load_balancer_probing_mariadb_s_port_with_floating_ip_to_pacemaker_s_ipaddr2()
    {
        var lb = GaleraProgram.Properties(_drbd.Resource(Names.LoadBalancer));

        Assert.Equal("Standard", lb.Map("sku").Str("name"));
        var frontend = (YamlMappingNode)lb.Seq("frontendIPConfigurations").Children.Single();
        Assert.Equal("10.10.40.100", frontend.Str("privateIPAddress"));
        Assert.Null(frontend.Find("publicIPAddress"));
        var probe = (YamlMappingNode)lb.Seq("probes").Children.Single();
        Assert.Equal("Tcp", probe.Str("protocol"));
        Assert.Equal("3306", probe.Str("port"));
        Assert.Null(probe.Find("requestPath"));
        var rule = (YamlMappingNode)lb.Seq("loadBalancingRules").Children.Single();
        Assert.Equal("3306", rule.Str("backendPort"));
        Assert.Equal("true", rule.Str("enableFloatingIP"));
        Assert.EndsWith($"/probes/{probe.Str("name")}", rule.Map("probe").Str("id"));

        // Floating IP delivers packets addressed to the VIP: the node running MariaDB must hold it, as IPaddr2 does.
        var crm = WrittenFile("node1", "/etc/pacemaker/cluster.crm");
        Assert.Matches(@"primitive vip ocf:heartbeat:IPaddr2 \\\s*params ip=""10\.10\.40\.100""", crm);
        Assert.Matches(@"group mysql fs_mysql mysqld vip", crm);

        foreach (var host in _drbd.Lab.Hosts)
        {
            var ipConfig = (YamlMappingNode)GaleraProgram.Properties(_drbd.Resource(Names.Nic(host.Name))).Seq("ipConfigurations").Children.Single();
            Assert.Equal(Nodes.Contains(host.Name), ipConfig.Find("loadBalancerBackendAddressPools") is not null);
            // No keepalived check on Pacemaker nodes: MariaDB's port is the probe.
            Assert.DoesNotContain(CloudInit(host.Name).Seq("write_files").Children.Cast<YamlMappingNode>(), f => f.Str("path") == VipLoadBalancer.CheckProgram);
        }
    }

    [Fact]
    public void Given_the_nsg_When_read_Then_the_internet_deny_covers_mariadb_corosync_and_every_drbd_port_r0_res_uses()
    {
        var rules = GaleraProgram.Properties(_drbd.ResourcesOfType("azure-native:network:NetworkSecurityGroup").Single().Resource)
            .Seq("securityRules").Children.Cast<YamlMappingNode>().ToList();
        var deny = rules.Single(r => r.Str("access") == "Deny");
        Assert.Equal("Internet", deny.Str("sourceAddressPrefix"));
        var denied = deny.Seq("destinationPortRanges").Children.Select(n => int.Parse(((YamlScalarNode)n).Value!)).ToHashSet();
        var drbdPorts = Regex.Matches(WrittenFile("node1", "/etc/drbd.d/r0.res"), @"address\s+[\d.]+:(\d+);").Select(m => int.Parse(m.Groups[1].Value)).ToList();

        Assert.NotEmpty(drbdPorts);
        foreach (var port in drbdPorts.Concat([3306, 5404, 5405, 7788]))
            Assert.Contains(port, denied);
        // The only allow is SSH from the admin range to the jump host.
        Assert.All(rules.Where(r => r.Str("access") == "Allow"), r => Assert.Equal("22", r.Str("destinationPortRange")));
    }

    [Fact]
    public void Given_fencing_When_the_program_and_the_cluster_configuration_are_read_Then_stonith_is_plainly_disabled()
    {
        Assert.Contains("property stonith-enabled=false", WrittenFile("node1", "/etc/pacemaker/cluster.crm"));
        var header = string.Join('\n', _drbd.Program.Text.Split('\n').TakeWhile(l => l.StartsWith('#')));
        Assert.Contains("Fencing: none. Pacemaker runs with stonith-enabled=false", header);
        Assert.Contains("fence_azure_arm", header);
        Assert.DoesNotContain("Fencing", new GaleraProgram("failover").Program.Text);
    }

    [Fact]
    public void Given_every_string_When_parsed_as_an_interpolation_Then_each_reference_names_something_declared_and_no_cycle_exists()
    {
        var declared = _drbd.Resources.Keys().Concat(_drbd.Root.Map("config").Keys()).Append("pulumi").ToHashSet();
        var references = 0;
        foreach (var section in new[] { "resources", "outputs" })
            foreach (var (path, value) in YamlTree.Scalars(_drbd.Root.Map(section), section))
                foreach (var access in Interpolation.References(value))
                {
                    references++;
                    Assert.True(declared.Contains(Interpolation.Root(access)), $"{path}: ${{{access}}} refers to nothing declared");
                }
        Assert.True(references > 50, $"only {references} references");
        foreach (var name in _drbd.Resources.Keys())
            Assert.False(_drbd.AllDependencies(name).Contains(name), $"{name} depends on itself");
        foreach (var node in Nodes)
            Assert.True(Encoding.UTF8.GetByteCount(Vm(node).Map("osProfile").Map("customData").Str("fn::toBase64")) * 4 / 3 + 4 < 65536,
                $"{node}: cloud-init beyond Azure's 64 KiB of custom data");
    }
}
