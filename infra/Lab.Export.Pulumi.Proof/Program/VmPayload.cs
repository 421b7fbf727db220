namespace Lab.Export.Pulumi.Proof.Program;

/// <summary>
/// What one <c>azure-native:compute:VirtualMachine</c> of the program gives its VM: a name, the static private address
/// of its NIC, and the cloud-init user-data (customData before base64, interpolations not yet resolved).
/// </summary>
public sealed record VmPayload(string Resource, string ComputerName, string PrivateAddress, string UserData, string AdminUser);
