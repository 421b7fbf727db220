namespace Lab.Export.Pulumi.Azure;

/// <summary>What every exported Azure program assumes; the config defaults an instructor may override per stack.</summary>
public static class AzureDefaults
{
    // Provider plugin versions the program pins, matching ProviderSchema/*.yaml (npm @pulumi/* of the same version).
    public const string AzureNativeVersion = "3.28.0";
    // @pulumi/command's npm "latest" tag points at 4.5.0, an old build without connection.proxy; 1.2.1 is the current line.
    public const string CommandVersion = "1.2.1";
    public const string RandomVersion = "4.21.2";

    public const string Location = "koreacentral";
    // 1 vCPU / 1 GiB burstable: enough for a 32M buffer pool per node, the cheapest size that runs the lab.
    public const string VmSize = "Standard_B1s";
    public const string AdminUser = "labadmin";

    // Debian 12 ships the same MariaDB 10.11 + galera-4 + HAProxy packages the local target runs.
    public const string ImagePublisher = "Debian";
    public const string ImageOffer = "debian-12";
    public const string ImageSku = "12-gen2";
    public const string OsDiskType = "Standard_LRS";

    /// <summary>Azure keeps the network address, .1-.3 and the broadcast address of every subnet for itself.</summary>
    public static bool IsReservedByAzure(uint address, Lab.Core.Model.Ipv4Subnet subnet) =>
        address - subnet.Network <= 3 || address == (subnet.Network | ~subnet.Mask);
}
