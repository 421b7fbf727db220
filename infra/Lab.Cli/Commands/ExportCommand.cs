using System.CommandLine;
using Lab.Core.Rendering;
using Lab.Export.Pulumi;
using Lab.Export.Pulumi.Proof;
using Spectre.Console;

namespace Lab.Cli.Commands;

/// <summary>`lab export pulumi galera --cloud azure [-o DIR]`: writes the lab's Pulumi YAML program for `pulumi up`.</summary>
internal static class ExportCommand
{
    public static Command Create(CliContext context)
    {
        var export = new Command("export", "Write a lab as a program for another tool (Pulumi, for cloud VMs)");
        export.Subcommands.Add(Pulumi(context));
        return export;
    }

    private static Command Pulumi(CliContext context)
    {
        var lab = Options.Lab();
        var cloud = new Option<string>("--cloud")
        {
            Description = "Cloud the program creates the VMs in",
            DefaultValueFactory = _ => "azure",
        };
        cloud.AcceptOnlyFromAmong("azure");
        var output = new Option<string?>("--output", "-o") { Description = "Folder to write Pulumi.yaml to (default: labs/<lab>/)" };
        var prove = new Option<bool>("--prove")
        {
            Description = "Then run the program's payload here (root): each VM's user-data through cloud-init on a systemd machine " +
                          "(a QEMU VM when the lab needs its own kernel: ha-drbd), its commands in order; the lab stays up as a " +
                          "machines or vm instance driven over ssh (see docs/azure.md)",
        };
        var instance = Options.Instance();
        var command = new Command("pulumi",
            "Write the lab as a Pulumi YAML program (Pulumi.yaml): network, NSG, one VM per host with the rendered files, " +
            "ordered bring-up over SSH, an inventory as outputs. Then: pulumi stack init student1 && pulumi up (see docs/azure.md)")
        {
            lab, cloud, output, prove, instance,
        };
        command.SetAction((parse, ct) => LabApp.Guard(context, async () =>
        {
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var program = new AzureProgramGenerator(context.Catalog.TemplatesRoot).Generate(definition);
            var folder = parse.GetValue(output) ?? definition.Directory;
            var (path, changed) = PulumiExporter.Write(program, folder);
            context.Console.MarkupLineInterpolated(
                $"{(changed ? "wrote" : "unchanged:")} [bold]{path}[/] ({program.Text.Length} bytes; cloud azure, lab {definition.Name})");
            context.Console.MarkupLineInterpolated(
                $"next: cd {Path.GetDirectoryName(path)} && pulumi stack init student1 && pulumi config set adminCidr <your-ip>/32 ... && pulumi up");
            if (!parse.GetValue(prove)) return ExitCodes.Ok;
            if (parse.GetValue(output) is not null)
                throw new Lab.Core.Errors.LabInputException("--prove runs the lab's own program (labs/<lab>/Pulumi.yaml): leave out --output");
            return await ProveAsync(context, definition.Name, parse.GetValue(instance) ?? $"{definition.Name}-proof", ct);
        }));
        return command;
    }

    /// <summary>The payload proof: progress per step, the time per phase, then how to run scenarios on the result.</summary>
    private static async Task<int> ProveAsync(CliContext context, string lab, string instance, CancellationToken ct)
    {
        var (_, times) = await new PayloadProof(context.Catalog, context.Layout)
            .UpAsync(lab, instance, m => context.Console.MarkupLineInterpolated($"{m}"), ct);
        context.Console.MarkupLineInterpolated($"[green]payload proven[/]: {times}");
        context.Console.MarkupLineInterpolated(
            $"next: lab run {lab} --instance {instance} (scenarios over ssh, through the program's inventory); lab down --instance {instance}");
        return ExitCodes.Ok;
    }
}
