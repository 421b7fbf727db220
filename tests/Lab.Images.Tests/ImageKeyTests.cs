using Lab.Images;
using Lab.Instances;

namespace Lab.Images.Tests;

/// <summary>The cached images are found by a key; a key that missed a build input would boot a stale image.</summary>
public sealed class ImageKeyTests
{
    private static readonly LocalLayout Layout = new("/state", "/run/lab/ns", "/cache");

    [Fact]
    public void Given_the_machine_image_Then_its_key_covers_packages_and_both_build_steps()
    {
        Assert.Matches("^/cache/machines/debian-bookworm-[0-9a-f]{12}$", MachineImage.Directory(Layout));
        Assert.Contains("--variant=minbase", MachineImage.DebootstrapArguments("ROOT", "MIRROR"));
        Assert.Contains("openssh-server", MachineImage.Packages);
        Assert.Contains("sshd_config.d", MachineImage.Finish("ROOT"));
    }

    [Fact]
    public void Given_the_vm_image_Then_it_has_a_kernel_the_seed_unit_and_a_key_of_its_own_under_the_machine_image()
    {
        Assert.Contains("linux-image-amd64", VmImage.Packages);
        var script = VmImage.BuildScript("/r");
        Assert.Contains("lab-seed.service", script);
        Assert.Contains("virtio_net", script); // lab-seed sets eth0's address before udev has run
        Assert.Matches("^/cache/vm/debian-bookworm-[0-9a-f]{12}$", VmImage.Directory(Layout));
        Assert.NotEqual(Path.GetFileName(MachineImage.Directory(Layout)), Path.GetFileName(VmImage.Directory(Layout)));
    }

    [Fact]
    public void Given_the_cloud_init_vm_image_Then_it_is_the_vm_image_plus_cloud_init_in_a_folder_and_key_of_its_own()
    {
        var lab = VmImage.BuildScript("/r");
        var proof = VmImage.BuildScript("/r", VmImageKind.CloudInit);
        Assert.StartsWith(lab[..lab.IndexOf("rm -f '/r/usr/sbin/policy-rc.d'", StringComparison.Ordinal)], proof);
        Assert.DoesNotContain("cloud-init", lab);
        // The local repository carries the VM's packages too: the ha-drbd program's cloud-config installs drbd-utils.
        Assert.Matches("install -y -q --reinstall --download-only [^\n]*drbd-utils", proof);
        Assert.Contains("KERNEL==\"vdc\", SYMLINK+=\"disk/azure/scsi1/lun0\"", proof);
        Assert.Contains("After=lab-seed.service", proof);
        Assert.Contains("datasource_list: [ NoCloud, None ]", proof);
        // The chroot's apt settings and the no-services guard go last, after the cloud-init part has used them.
        Assert.EndsWith("rm -f '/r/usr/sbin/policy-rc.d' '/r/etc/apt/apt.conf.d/00lab-host'\n", proof);
        Assert.Matches("^/cache/vm-cloud-init/debian-bookworm-[0-9a-f]{12}$", VmImage.Directory(Layout, VmImageKind.CloudInit));
        Assert.NotEqual(Path.GetFileName(VmImage.Directory(Layout)), Path.GetFileName(VmImage.Directory(Layout, VmImageKind.CloudInit)));
    }

    [Theory]
    [InlineData("Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm\n", null, "http://mirror.example/debian")]
    [InlineData(null, "deb [arch=amd64] http://ftp.kr.debian.org/debian bookworm main\n", "http://ftp.kr.debian.org/debian")]
    [InlineData(null, null, AptMirror.Fallback)]
    public void Given_this_machines_apt_sources_Then_the_image_is_fetched_from_its_main_archive(string? deb822, string? oneLine, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("apt-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "sources.list.d"));
            if (deb822 is not null) File.WriteAllText(Path.Combine(dir, "sources.list.d", "debian.sources"), deb822);
            if (oneLine is not null) File.WriteAllText(Path.Combine(dir, "sources.list"), oneLine);
            Assert.Equal(expected, AptMirror.Find(dir));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
