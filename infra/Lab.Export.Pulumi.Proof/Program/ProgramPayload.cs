using Lab.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Lab.Export.Pulumi.Proof.Program;

/// <summary>
/// The part of an Azure program that runs inside the VMs: each VM's cloud-init user-data, and the command resources.
/// Everything else (resource group, network, NSG, NAT) is Azure's and has no local counterpart to run.
/// </summary>
public sealed class ProgramPayload
{
    public const string VmType = "azure-native:compute:VirtualMachine";
    public const string CommandType = "command:remote:Command";
    private const string NicType = "azure-native:network:NetworkInterface";

    public required PulumiYamlProgram Program { get; init; }
    public required IReadOnlyList<VmPayload> Vms { get; init; }
    public required IReadOnlyList<CommandStep> Commands { get; init; }

    /// <summary>Public address resource → the private address of the NIC it is attached to (locally the only address).</summary>
    public required IReadOnlyDictionary<string, string> PublicIps { get; init; }

    public static ProgramPayload From(PulumiYamlProgram program)
    {
        var nics = program.OfType(NicType).ToDictionary(n => n.Name, n => FirstIpConfig(program, n));
        var vms = program.OfType(VmType).Select(vm =>
        {
            var nicRef = vm.Map("networkProfile") is { } np && ProgramYaml.Node(np, "networkInterfaces") is YamlSequenceNode { Children.Count: > 0 } list
                ? ProgramYaml.Scalar(list.Children[0], "id") : null;
            var nic = nicRef is null ? null : PulumiInterpolation.Root(PulumiInterpolation.Expressions(nicRef).Single());
            if (nic is null || !nics.TryGetValue(nic, out var ip))
                throw new LabException($"{program.File}: VM '{vm.Name}' has no NIC with a static private address");
            return new VmPayload(vm.Name,
                vm.Scalar("osProfile.computerName") ?? throw new LabException($"{program.File}: VM '{vm.Name}' has no osProfile.computerName"),
                ip.Private,
                vm.Scalar("osProfile.customData") ?? throw new LabException($"{program.File}: VM '{vm.Name}' has no customData"),
                vm.Scalar("osProfile.adminUsername") ?? "root");
        }).ToList();

        // Only the addresses on a VM's NIC (the NAT gateway's has no local counterpart: nothing leaves the machine).
        var publicIps = nics.Values.Where(n => n.PublicIp is not null).ToDictionary(n => n.PublicIp!, n => n.Private);

        var commands = program.OfType(CommandType).Select(c =>
        {
            string Need(string path) => c.Scalar(path) ?? throw new LabException($"{program.File}: command '{c.Name}' has no {path}");
            var create = Need("create");
            var stdin = c.Scalar("stdin");
            var connection = c.Map("connection") ?? throw new LabException($"{program.File}: command '{c.Name}' has no connection");
            // Implicit dependencies: every resource a property reads, as Pulumi derives them.
            var implicitRefs = Scalars(c.Properties).SelectMany(PulumiInterpolation.Expressions).Select(PulumiInterpolation.Root);
            return new CommandStep(c.Name, Need("connection.host"), Need("connection.user"),
                ProgramYaml.Scalar(connection, "proxy.host"), ProgramYaml.Scalar(connection, "proxy.user"), create, stdin,
                c.DependsOn.Concat(implicitRefs).Distinct().ToList());
        }).ToList();

        return new ProgramPayload { Program = program, Vms = vms, Commands = commands, PublicIps = publicIps };
    }

    private static (string Private, string? PublicIp) FirstIpConfig(PulumiYamlProgram program, ProgramResource nic)
    {
        if (ProgramYaml.Node(nic.Properties, "ipConfigurations") is not YamlSequenceNode { Children.Count: > 0 } configs)
            throw new LabException($"{program.File}: NIC '{nic.Name}' has no ipConfigurations");
        var first = configs.Children[0];
        var address = ProgramYaml.Scalar(first, "privateIPAddress") ?? throw new LabException($"{program.File}: NIC '{nic.Name}' has no static privateIPAddress");
        var publicRef = ProgramYaml.Scalar(first, "publicIPAddress.id");
        return (address, publicRef is null ? null : PulumiInterpolation.Root(PulumiInterpolation.Expressions(publicRef).Single()));
    }

    private static IEnumerable<string> Scalars(YamlNode node) => node switch
    {
        YamlScalarNode s => [s.Value ?? ""],
        YamlMappingNode m => m.Children.Values.SelectMany(Scalars),
        YamlSequenceNode q => q.Children.SelectMany(Scalars),
        _ => [],
    };
}
