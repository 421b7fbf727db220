using Spectre.Console;
using System.CommandLine;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using Lab.Export.Pulumi.Azure;

namespace Lab.Cli.Commands;

internal static class RenderCommand
{
    public static Command Create(CliContext context)
    {
        var lab = Options.Lab();
        var host = new Option<string?>("--host") { Description = "Only this host's files" };
        var cloud = new Option<string?>("--cloud")
        {
            Description = "Render as that cloud's VMs get them from `lab export pulumi` (azure: the data disk is /dev/disk/azure/scsi1/lun0, not the vm target's /dev/vdc)",
        };
        cloud.AcceptOnlyFromAmong("azure");
        var command = new Command("render", "Show the files each host gets, exactly as every target writes them (passwords are generated per instance and shown as placeholders)")
        {
            lab, host, cloud,
        };
        command.SetAction((parse, _) => LabApp.Guard(context, () =>
        {
            var definition = context.Catalog.Load(parse.GetValue(lab)!);
            var only = parse.GetValue(host);
            if (only is not null) definition.Host(only);
            // The one device name that differs by target; the Azure program renders with the same constant.
            var dataDisk = parse.GetValue(cloud) is "azure" ? AzureDataDisk.GuestDevice : DataDiskDevice.Virtio;
            var files = new TemplateRenderer(context.Catalog.TemplatesRoot, dataDisk: dataDisk).RenderAll(definition, LabSecrets.Placeholders())
                .Where(f => only is null || f.Host == only);
            var writer = context.Console.Profile.Out.Writer;
            foreach (var f in files)
            {
                writer.WriteLine($"==> {f.Host}:{f.Path}  (mode {f.Mode}, owner {f.Owner}, from templates/{f.Template})");
                writer.Write(f.Content);
                if (!f.Content.EndsWith('\n')) writer.WriteLine();
                writer.WriteLine();
            }
            return Task.FromResult(0);
        }));
        return command;
    }
}
