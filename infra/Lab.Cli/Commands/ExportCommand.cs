using System.CommandLine;
using Lab.Core.Rendering;
using Lab.Export.Pulumi;
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
        var command = new Command("pulumi",
            "Write the lab as a Pulumi YAML program (Pulumi.yaml): network, NSG, one VM per host with the rendered files, " +
            "ordered bring-up over SSH, an inventory as outputs. Then: pulumi stack init student1 && pulumi up (see docs/azure.md)")
        {
            lab, cloud, output,
        };
        command.SetAction((parse, _) => LabApp.Guard(context, () =>
        {
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var program = new AzureProgramGenerator(context.Catalog.TemplatesRoot).Generate(definition);
            var folder = parse.GetValue(output) ?? definition.Directory;
            var (path, changed) = PulumiExporter.Write(program, folder);
            context.Console.MarkupLineInterpolated(
                $"{(changed ? "wrote" : "unchanged:")} [bold]{path}[/] ({program.Text.Length} bytes; cloud azure, lab {definition.Name})");
            context.Console.MarkupLineInterpolated(
                $"next: cd {Path.GetDirectoryName(path)} && pulumi stack init student1 && pulumi config set adminCidr <your-ip>/32 ... && pulumi up");
            return Task.FromResult(0);
        }));
        return command;
    }
}
