namespace Lab.Export.Pulumi.Azure;

/// <summary>Logical names in the generated program: config keys and resource names that `${...}` refers to.</summary>
public static class Names
{
    public const string Location = "location";
    public const string VmSize = "vmSize";
    public const string AdminUser = "adminUser";
    public const string AdminCidr = "adminCidr";
    public const string SshPublicKey = "sshPublicKey";
    public const string SshPrivateKey = "sshPrivateKey";

    public const string ResourceGroup = "resource-group";
    public const string Vnet = "vnet";
    public const string Subnet = "subnet";
    public const string Nsg = "nsg";
    public const string NatPublicIp = "nat-public-ip";
    public const string NatGateway = "nat-gateway";
    public const string LoadBalancer = "load-balancer";

    public static string PublicIp(string host) => $"{host}-public-ip";
    public static string Nic(string host) => $"{host}-nic";
    public static string Vm(string host) => $"{host}-vm";
}
