using Lab.Core.Model;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>The resource group (one per stack, i.e. per student) and the lab's own network: VNet and subnet are the lab's subnet, behind the NSG.</summary>
public static class NetworkResources
{
    public static IEnumerable<(string Name, YMap Resource)> Build(LabDefinition lab)
    {
        yield return (Names.ResourceGroup, ResourceDecl.Create("azure-native:resources:ResourceGroup", new YMap()
            .Add("resourceGroupName", new PulumiText().Ref("pulumi.project").Text("-").Ref("pulumi.stack").ToString())
            .Add("location", PulumiText.Of(Names.Location))
            .Add("tags", new YMap().Add("lab", lab.Name).Add("student", PulumiText.Of("pulumi.stack")))));

        yield return (Names.Vnet, ResourceDecl.Create("azure-native:network:VirtualNetwork", InGroup()
            .Add("virtualNetworkName", $"{lab.Name}-vnet")
            .Add("addressSpace", new YMap().Add("addressPrefixes", new YList(lab.Subnet.ToString())))));

        yield return (Names.Nsg, SecurityRules.Build(lab));

        yield return (Names.Subnet, ResourceDecl.Create("azure-native:network:Subnet", new YMap()
            .Add("resourceGroupName", PulumiText.Of($"{Names.ResourceGroup}.name"))
            .Add("virtualNetworkName", PulumiText.Of($"{Names.Vnet}.name"))
            .Add("subnetName", "lab")
            .Add("addressPrefix", lab.Subnet.ToString())
            .Add("networkSecurityGroup", new YMap().Add("id", PulumiText.Of($"{Names.Nsg}.id")))));
    }

    /// <summary>Properties every Azure resource of the lab shares: its group and region.</summary>
    public static YMap InGroup() => new YMap()
        .Add("resourceGroupName", PulumiText.Of($"{Names.ResourceGroup}.name"))
        .Add("location", PulumiText.Of($"{Names.ResourceGroup}.location"));
}
