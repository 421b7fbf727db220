using Lab.Core.Model;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>Per host: a NIC with the lab's static address (plus a public IP for the jump host only) and a Debian VM.</summary>
public static class HostResources
{
    public static IEnumerable<(string Name, YMap Resource)> Build(HostDefinition host, bool isJumpHost, string cloudConfig)
    {
        if (isJumpHost)
            yield return (Names.PublicIp(host.Name), ResourceDecl.Create("azure-native:network:PublicIPAddress", NetworkResources.InGroup()
                .Add("publicIpAddressName", $"{host.Name}-ip")
                .Add("sku", new YMap().Add("name", "Standard"))
                .Add("publicIPAllocationMethod", "Static")));

        var ipConfig = new YMap()
            .Add("name", "lab")
            .Add("subnet", new YMap().Add("id", PulumiText.Of($"{Names.Subnet}.id")))
            .Add("privateIPAllocationMethod", "Static")
            .Add("privateIPAddress", host.Address)
            .Add("primary", true);
        if (isJumpHost) ipConfig.Add("publicIPAddress", new YMap().Add("id", PulumiText.Of($"{Names.PublicIp(host.Name)}.id")));
        yield return (Names.Nic(host.Name), ResourceDecl.Create("azure-native:network:NetworkInterface", NetworkResources.InGroup()
            .Add("networkInterfaceName", $"{host.Name}-nic")
            .Add("ipConfigurations", new YList(ipConfig))));

        yield return (Names.Vm(host.Name), ResourceDecl.Create("azure-native:compute:VirtualMachine", NetworkResources.InGroup()
            .Add("vmName", host.Name)
            .Add("hardwareProfile", new YMap().Add("vmSize", PulumiText.Of(Names.VmSize)))
            .Add("osProfile", new YMap()
                .Add("computerName", host.Name)
                .Add("adminUsername", PulumiText.Of(Names.AdminUser))
                .Add("customData", new YMap().Add("fn::toBase64", SecretSplice.ToPulumi(cloudConfig)))
                .Add("linuxConfiguration", new YMap()
                    .Add("disablePasswordAuthentication", true)
                    .Add("ssh", new YMap().Add("publicKeys", new YList(new YMap()
                        .Add("path", new PulumiText().Text("/home/").Ref(Names.AdminUser).Text("/.ssh/authorized_keys").ToString())
                        .Add("keyData", PulumiText.Of(Names.SshPublicKey)))))))
            .Add("storageProfile", new YMap()
                .Add("imageReference", new YMap()
                    .Add("publisher", AzureDefaults.ImagePublisher)
                    .Add("offer", AzureDefaults.ImageOffer)
                    .Add("sku", AzureDefaults.ImageSku)
                    .Add("version", "latest"))
                .Add("osDisk", new YMap()
                    .Add("name", $"{host.Name}-os")
                    .Add("createOption", "FromImage")
                    .Add("deleteOption", "Delete")
                    .Add("managedDisk", new YMap().Add("storageAccountType", AzureDefaults.OsDiskType))))
            .Add("networkProfile", new YMap().Add("networkInterfaces", new YList(new YMap()
                .Add("id", PulumiText.Of($"{Names.Nic(host.Name)}.id"))
                .Add("primary", true))))));
    }
}
