using Lab.Core.Model;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.Azure;

/// <summary>Per host: a NIC with the lab's static address (plus a public IP for the jump host only) and a Debian VM (with its data disk, if the lab gives it one).</summary>
public static class HostResources
{
    public const string CustomDataPath = "osProfile.customData";

    /// <summary>
    /// Azure refuses any change to a VM's customData and the provider would try an in-place update: a changed template
    /// must replace the VM instead. Delete before create, because the new VM needs what the old one holds: the NIC that
    /// carries the lab's static address (10.10.10.101 is the NIC's, and a NIC serves one VM) and the fixed VM and OS
    /// disk names the guide uses. Create-before-delete would need a second NIC, a second address and new names.
    /// </summary>
    public static readonly (string Key, YNode Value)[] ReplaceOnNewCustomData =
    [
        ("replaceOnChanges", new YList(CustomDataPath)),
        ("deleteBeforeReplace", true),
    ];

    /// <param name="backendPool">A reference to the load balancer pool this host's NIC joins (the failover lab's VIP), or null.</param>
    public static IEnumerable<(string Name, YMap Resource)> Build(HostDefinition host, bool isJumpHost, string cloudConfig, string? backendPool = null)
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
        if (backendPool is not null) ipConfig.Add("loadBalancerBackendAddressPools", new YList(new YMap().Add("id", PulumiText.Of(backendPool))));
        yield return (Names.Nic(host.Name), ResourceDecl.Create("azure-native:network:NetworkInterface", NetworkResources.InGroup()
            .Add("networkInterfaceName", $"{host.Name}-nic")
            .Add("ipConfigurations", new YList(ipConfig))));

        var storage = new YMap()
            .Add("imageReference", new YMap()
                .Add("publisher", AzureDefaults.ImagePublisher)
                .Add("offer", AzureDefaults.ImageOffer)
                .Add("sku", AzureDefaults.ImageSku)
                .Add("version", "latest"))
            .Add("osDisk", new YMap()
                .Add("name", $"{host.Name}-os")
                .Add("createOption", "FromImage")
                .Add("deleteOption", "Delete")
                .Add("managedDisk", new YMap().Add("storageAccountType", AzureDefaults.OsDiskType)));
        if (AzureDataDisk.For(host) is { } dataDisks) storage.Add("dataDisks", dataDisks);

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
            .Add("storageProfile", storage)
            .Add("networkProfile", new YMap().Add("networkInterfaces", new YList(new YMap()
                .Add("id", PulumiText.Of($"{Names.Nic(host.Name)}.id"))
                .Add("primary", true)))),
            moreOptions: ReplaceOnNewCustomData));
    }
}
