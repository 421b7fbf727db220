using Lab.Hosts.Vm;
using Lab.Core.Model;

namespace Lab.Targets.Vm.Tests;

/// <summary>A host's data disk (`vm: { disk: 256M }`): a third virtio drive when asked for, nothing otherwise.</summary>
public sealed class VmDataDiskTests
{
    [Fact]
    public void Given_a_host_without_a_data_disk_Then_qemu_gets_no_extra_drive()
    {
        Assert.Empty(VmDataDisk.QemuArguments("/x/data.img", VmSize.Default));
    }

    [Fact]
    public void Given_a_host_with_a_data_disk_Then_qemu_gets_one_writable_raw_virtio_drive_of_that_file()
    {
        var args = VmDataDisk.QemuArguments("/x/data.img", new VmSize(1, 768, 256));

        Assert.Equal(["-drive", "file=/x/data.img,format=raw,if=virtio"], args);
    }

    [Fact]
    public async Task Given_a_size_When_the_disk_is_created_Then_it_is_a_sparse_file_of_exactly_that_many_megabytes()
    {
        if (!File.Exists("/usr/bin/qemu-img")) return; // qemu-utils missing: VmAvailability names it for the VM tests
        var dir = Directory.CreateTempSubdirectory("lab-disk-");
        try
        {
            var file = Path.Combine(dir.FullName, "data.img");
            await VmDataDisk.CreateAsync(file, 64, CancellationToken.None);
            Assert.Equal(64L * 1024 * 1024, new FileInfo(file).Length);
        }
        finally { dir.Delete(true); }
    }
}
