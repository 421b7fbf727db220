using Lab.Core.Model;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>The resource group (one per stack, i.e. per student) and the lab's own network: VNet and subnet are the lab's subnet, behind the NSG.</summary>
public static class NetworkResources
{
    public static IEnumerable<(string Name, YMap Resource)> Build(LabDefinition lab, HostDefinition jump)
    {
        yield return (Names.ResourceGroup, ResourceDecl.Create("azure-native:resources:ResourceGroup", new YMap()
            .Add("resourceGroupName", new PulumiText().Ref("pulumi.project").Text("-").Ref("pulumi.stack").ToString())
            .Add("location", PulumiText.Of(Names.Location))
            .Add("tags", new YMap().Add("lab", lab.Name).Add("student", PulumiText.Of("pulumi.stack")))));

        yield return (Names.Vnet, ResourceDecl.Create("azure-native:network:VirtualNetwork", InGroup()
            .Add("virtualNetworkName", $"{lab.Name}-vnet")
            .Add("addressSpace", new YMap().Add("addressPrefixes", new YList(lab.Subnet.ToString())))));

        yield return (Names.Nsg, SecurityRules.Build(lab, jump));

        // Outbound on purpose: hosts without a public address install packages through a NAT gateway. Azure's implicit
        // "default outbound access" is being retired (new subnets are private by default in newer API versions) and is
        // switched off for VMs behind a Standard internal load balancer anyway (the failover lab's VIP).
        yield return (Names.NatPublicIp, ResourceDecl.Create("azure-native:network:PublicIPAddress", InGroup()
            .Add("publicIpAddressName", $"{lab.Name}-nat-ip")
            .Add("sku", new YMap().Add("name", "Standard"))
            .Add("publicIPAllocationMethod", "Static")));
        yield return (Names.NatGateway, ResourceDecl.Create("azure-native:network:NatGateway", InGroup()
            .Add("natGatewayName", $"{lab.Name}-nat")
            .Add("sku", new YMap().Add("name", "Standard"))
            .Add("publicIpAddresses", new YList(new YMap().Add("id", PulumiText.Of($"{Names.NatPublicIp}.id"))))));

        yield return (Names.Subnet, ResourceDecl.Create("azure-native:network:Subnet", new YMap()
            .Add("resourceGroupName", PulumiText.Of($"{Names.ResourceGroup}.name"))
            .Add("virtualNetworkName", PulumiText.Of($"{Names.Vnet}.name"))
            .Add("subnetName", "lab")
            .Add("addressPrefix", lab.Subnet.ToString())
            .Add("networkSecurityGroup", new YMap().Add("id", PulumiText.Of($"{Names.Nsg}.id")))
            .Add("natGateway", new YMap().Add("id", PulumiText.Of($"{Names.NatGateway}.id")))
            // Explicit outbound is the NAT gateway; nothing relies on the implicit kind.
            .Add("defaultOutboundAccess", false)));
    }

    /// <summary>Properties every Azure resource of the lab shares: its group and region.</summary>
    public static YMap InGroup() => new YMap()
        .Add("resourceGroupName", PulumiText.Of($"{Names.ResourceGroup}.name"))
        .Add("location", PulumiText.Of($"{Names.ResourceGroup}.location"));
}
