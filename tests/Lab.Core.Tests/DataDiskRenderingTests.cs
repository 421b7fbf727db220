using Lab.Core.Loading;
using Lab.Core.Rendering;
using Lab.Core.Secrets;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>
/// `{{data_disk}}` of a host is the device its data disk has on the rendering target: the vm target's by default,
/// another target's when it says so; a host without a data disk has none, and asking for it is an error.
/// </summary>
public sealed class DataDiskRenderingTests : IDisposable
{
    private readonly TempDirectory _templates = new();

    public void Dispose() => _templates.Dispose();

    private Lab.Core.Model.LabDefinition Lab() => new LabLoader(_templates.Path).Parse("labs/t/lab.yaml", """
        name: t
        network: { subnet: 10.20.30.0/24 }
        roles:
          node:
            mounts: [/etc/drbd.d]
            files: [ { template: t/r0.res.hbs, path: /etc/drbd.d/r0.res } ]
        hosts:
          - { name: n1, address: 10.20.30.11, role: node, vm: { cpus: 1, memory: 512, disk: 64M } }
          - { name: n2, address: 10.20.30.12, role: node }
        """);

    [Fact]
    public void Given_a_host_with_a_data_disk_When_rendered_by_default_and_for_another_target_Then_each_names_its_own_device()
    {
        _templates.Write("t/r0.res.hbs", "disk {{host.data_disk}};\n");
        var lab = Lab();

        var vm = Assert.Single(new TemplateRenderer(_templates.Path).RenderHost(lab, lab.Host("n1"), LabSecrets.Placeholders()));
        var cloud = Assert.Single(new TemplateRenderer(_templates.Path, dataDisk: "/dev/disk/azure/scsi1/lun0").RenderHost(lab, lab.Host("n1"), LabSecrets.Placeholders()));

        Assert.Equal($"disk {DataDiskDevice.Virtio};\n", vm.Content);
        Assert.Equal("disk /dev/disk/azure/scsi1/lun0;\n", cloud.Content);
    }

    [Fact]
    public void Given_a_host_without_a_data_disk_When_a_template_asks_for_one_Then_rendering_fails_naming_the_variable_and_host()
    {
        _templates.Write("t/r0.res.hbs", "disk {{host.data_disk}};\n");
        var lab = Lab();

        var error = Assert.Throws<LabFileException>(() => new TemplateRenderer(_templates.Path).RenderHost(lab, lab.Host("n2"), LabSecrets.Placeholders()));

        Assert.Contains("data_disk", error.Message);
        Assert.Contains("n2", error.Message);
    }
}
