using Lab.Instances;

namespace Lab.Targets.Vm.Tests;

/// <summary>What only the vm target promises: a kernel of the host's own (the features this machine's kernel lacks), systemd, and still no route into the lab.</summary>
[Collection(VmCollection.Name)]
public sealed class VmHostTests(VmConformanceFixture fixture)
{
    [Fact]
    public async Task Given_a_vm_lab_Then_each_host_has_its_own_kernel_with_ip_vs_drbd_and_netem()
    {
        var (lab, _, _) = await fixture.PrepareAsync("galera", _ => { }, CancellationToken.None);

        var db1 = lab.Host("db1");
        var kernel = await db1.RunAsync("uname -r; cat /proc/1/comm; modprobe ip_vs && modprobe drbd && modprobe sch_netem && ipvsadm -Ln | head -1");
        Assert.True(kernel.ExitCode == 0, kernel.Stdout + kernel.Stderr);
        var lines = kernel.Stdout.Trim().Split('\n');
        Assert.NotEqual((await ProcessRunner.RunAsync("uname", ["-r"])).Stdout.Trim(), lines[0]);
        Assert.Equal("systemd", lines[1]);
        Assert.StartsWith("IP Virtual Server", lines[2]);
        var unit = await db1.RunAsync("systemctl show -p ActiveState --value mariadb.service");
        Assert.Equal("active", unit.Stdout.Trim());

        var route = await ProcessRunner.RunAsync("ip", ["route", "get", lab.Lab.Host("db1").Address]);
        Assert.False(route.Ok && !route.Stdout.Contains("unreachable"), $"the root namespace routes to the lab: {route.Stdout}");
    }

    [Fact]
    public async Task Given_a_vm_lab_Then_every_vm_is_a_qemu_process_of_this_instance_with_a_console_log()
    {
        var (lab, _, _) = await fixture.PrepareAsync("galera", _ => { }, CancellationToken.None);
        var vms = new VmLayout(fixture.Layout);
        foreach (var host in lab.Lab.Hosts)
        {
            var pid = int.Parse(File.ReadAllText(vms.PidFile(lab.Name, host.Name)).Trim());
            Assert.True(VmReaper.IsOurQemu(pid, vms.Overlay(lab.Name, host.Name)), $"{host.Name}: pid {pid} is not its QEMU");
            Assert.Contains("Linux version", File.ReadAllText(vms.ConsoleLog(lab.Name, host.Name)));
        }
    }
}
