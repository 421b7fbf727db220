using Lab.Export.Pulumi.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Tests;

/// <summary>The Azure network and VMs are the lab definition's: same subnet, same hosts, same static addresses.</summary>
public sealed class TopologyTests
{
    private readonly GaleraProgram _galera = new();

    [Fact]
    public void Given_the_vnet_and_subnet_When_read_Then_both_hold_the_labs_own_subnet()
    {
        var subnet = _galera.Lab.Subnet.ToString();
        Assert.Equal("10.10.10.0/24", subnet);

        var vnet = GaleraProgram.Properties(_galera.ResourcesOfType("azure-native:network:VirtualNetwork").Single().Resource);
        var lan = GaleraProgram.Properties(_galera.ResourcesOfType("azure-native:network:Subnet").Single().Resource);

        Assert.Equal([subnet], vnet.Map("addressSpace").Seq("addressPrefixes").Children.Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal(subnet, lan.Str("addressPrefix"));
        Assert.Equal("${nsg.id}", lan.Map("networkSecurityGroup").Str("id"));
    }

    [Fact]
    public void Given_the_nics_When_read_Then_there_is_one_per_host_with_its_static_lab_address()
    {
        var nics = _galera.ResourcesOfType("azure-native:network:NetworkInterface")
            .ToDictionary(n => n.Name, n => (YamlMappingNode)GaleraProgram.Properties(n.Resource).Seq("ipConfigurations").Children.Single());

        Assert.Equal(_galera.Lab.Hosts.Select(h => $"{h.Name}-nic").Order(), nics.Keys.Order());
        foreach (var host in _galera.Lab.Hosts)
        {
            var ip = nics[$"{host.Name}-nic"];
            Assert.Equal(host.Address, ip.Str("privateIPAddress"));
            Assert.Equal("Static", ip.Str("privateIPAllocationMethod"));
            Assert.Equal("${subnet.id}", ip.Map("subnet").Str("id"));
        }
    }

    [Fact]
    public void Given_public_addresses_When_counted_Then_only_the_client_jump_host_has_one_besides_the_NAT_gateways()
    {
        var publicIps = _galera.ResourcesOfType("azure-native:network:PublicIPAddress").Select(r => r.Name).ToList();
        var nicsWithPublicIp = _galera.ResourcesOfType("azure-native:network:NetworkInterface")
            .Where(n => ((YamlMappingNode)GaleraProgram.Properties(n.Resource).Seq("ipConfigurations").Children.Single()).Find("publicIPAddress") is not null)
            .Select(n => n.Name).ToList();

        // The NAT gateway's address is outbound only: on no NIC, used by the gateway alone.
        Assert.Equal(["client-public-ip", "nat-public-ip"], publicIps.Order());
        Assert.Equal(["nat-gateway"], _galera.Resources.Keys().Where(r => _galera.DirectDependencies(r).Contains("nat-public-ip")));
        Assert.Equal(["client-nic"], nicsWithPublicIp);
        Assert.Equal("client", _galera.Lab.Hosts.Single(h => h.Role == "client").Name);
    }

    [Fact]
    public void Given_the_vms_When_read_Then_each_host_has_a_key_only_debian_vm_of_the_configured_size_on_its_nic()
    {
        var vms = _galera.ResourcesOfType("azure-native:compute:VirtualMachine").ToDictionary(v => v.Name, v => GaleraProgram.Properties(v.Resource));

        Assert.Equal(_galera.Lab.Hosts.Select(h => $"{h.Name}-vm").Order(), vms.Keys.Order());
        foreach (var host in _galera.Lab.Hosts)
        {
            var vm = vms[$"{host.Name}-vm"];
            Assert.Equal("${vmSize}", vm.Map("hardwareProfile").Str("vmSize"));
            var os = vm.Map("osProfile");
            Assert.Equal(host.Name, os.Str("computerName"));
            Assert.Null(os.Find("adminPassword"));
            Assert.Equal("true", os.Map("linuxConfiguration").Str("disablePasswordAuthentication"));
            var key = (YamlMappingNode)os.Map("linuxConfiguration").Map("ssh").Seq("publicKeys").Children.Single();
            Assert.Equal("${sshPublicKey}", key.Str("keyData"));
            var image = vm.Map("storageProfile").Map("imageReference");
            Assert.Equal(("Debian", "debian-12"), (image.Str("publisher"), image.Str("offer")));
            var nic = (YamlMappingNode)vm.Map("networkProfile").Seq("networkInterfaces").Children.Single();
            Assert.Equal($"${{{host.Name}-nic.id}}", nic.Str("id"));
        }
    }

    [Fact]
    public void Given_a_lab_without_a_client_host_When_exported_Then_the_error_says_a_jump_host_is_needed()
    {
        var lab = _galera.Lab with { Hosts = _galera.Lab.Hosts.Where(h => h.Role != "client").ToList() };

        var error = Assert.Throws<Lab.Core.Errors.LabInputException>(() => new AzureProgramGenerator(_galera.Catalog.TemplatesRoot).Generate(lab));

        Assert.Contains("role 'client'", error.Message);
    }

    [Fact]
    public void Given_a_host_on_an_address_azure_reserves_When_exported_Then_the_error_names_host_and_address()
    {
        var lab = _galera.Lab with { Hosts = _galera.Lab.Hosts.Select(h => h.Name == "db2" ? h with { Address = "10.10.10.2" } : h).ToList() };

        var error = Assert.Throws<Lab.Core.Errors.LabInputException>(() => new AzureProgramGenerator(_galera.Catalog.TemplatesRoot).Generate(lab));

        Assert.Contains("db2", error.Message);
        Assert.Contains("10.10.10.2", error.Message);
    }
}
