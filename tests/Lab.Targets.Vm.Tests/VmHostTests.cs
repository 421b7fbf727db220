using System.Globalization;
using Lab.Core.Hosts;
using Lab.Hosts.Vm;
using Lab.Instances;

namespace Lab.Targets.Vm.Tests;

/// <summary>What the vm target promises, on two real VMs booted once: a kernel of their own, systemd, the lab network between them and no route into it from here.</summary>
public sealed class VmHostTests(VmPairFixture fixture) : IClassFixture<VmPairFixture>
{
    [Fact]
    public async Task Given_a_vm_Then_it_runs_its_own_kernel_with_ip_vs_drbd_and_netem_under_systemd()
    {
        var lab = await fixture.LabAsync();

        var run = await lab.Host("n1").RunAsync("uname -r; cat /proc/1/comm; modprobe ip_vs && modprobe drbd && modprobe sch_netem && ipvsadm -Ln | head -1");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        var lines = run.Stdout.Trim().Split('\n');
        Assert.NotEqual((await ProcessRunner.RunAsync("uname", ["-r"])).Stdout.Trim(), lines[0]);
        Assert.Equal("systemd", lines[1]);
        Assert.StartsWith("IP Virtual Server", lines[2]);
    }

    [Fact]
    public async Task Given_two_vms_Then_each_has_its_identity_and_reaches_the_other_by_name_on_the_lab_bridge()
    {
        var lab = await fixture.LabAsync();

        var n2 = await lab.Host("n2").RunAsync("hostname; ip -4 -o addr show eth0; free -m | awk '/Mem:/{print $2}'");
        Assert.True(n2.ExitCode == 0, n2.Stderr);
        var lines = n2.Stdout.Trim().Split('\n');
        Assert.Equal("n2", lines[0]);
        Assert.Contains($"{lab.Lab.Host("n2").Address}/24", lines[1]);
        Assert.InRange(int.Parse(lines[2]), 250, 384); // the host's own `vm: { memory: 384 }`, less what the kernel keeps
        var ping = await lab.Host("n1").RunAsync("ping -c 2 -W 5 n2");
        Assert.True(ping.ExitCode == 0, ping.Stdout + ping.Stderr);

        var route = await ProcessRunner.RunAsync("ip", ["route", "get", lab.Lab.Host("n1").Address]);
        Assert.False(route.Ok && !route.Stdout.Contains("unreachable"), $"the root namespace routes to the lab: {route.Stdout}");
    }

    [Fact]
    public async Task Given_a_vm_lab_Then_every_vm_is_a_qemu_of_this_instance_whose_console_is_logged()
    {
        var lab = await fixture.LabAsync();
        var vms = new VmLayout(fixture.Layout);
        foreach (var host in lab.Lab.Hosts)
        {
            var pid = int.Parse(File.ReadAllText(vms.PidFile(lab.Name, host.Name)).Trim());
            Assert.True(VmReaper.IsOurQemu(pid, vms.Overlay(lab.Name, host.Name)), $"{host.Name}: pid {pid} is not its QEMU");
            Assert.Contains("Linux version", File.ReadAllText(vms.ConsoleLog(lab.Name, host.Name)));
        }
        Assert.Contains(fixture.Progress, p => p.StartsWith("VMs run under ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_vm_When_its_link_is_impaired_with_100ms_Then_round_trips_to_it_take_100ms_more_until_it_is_removed()
    {
        var lab = await fixture.LabAsync();
        var n1 = lab.Host("n1");
        var n2 = lab.Host("n2");

        var before = await AverageRttAsync(n1);
        await n2.ImpairLinkAsync(new LinkImpairment(Delay: TimeSpan.FromMilliseconds(100)));
        try
        {
            var impaired = await AverageRttAsync(n1);
            Assert.True(impaired >= 100, $"with 100 ms of netem delay on n2 the round trip was {impaired} ms (before: {before} ms)");
            await n2.ImpairLinkAsync(null);
            var after = await AverageRttAsync(n1);
            Assert.True(after < impaired - 50, $"after removing the delay the round trip was {after} ms (impaired: {impaired} ms)");
        }
        finally
        {
            await n2.ImpairLinkAsync(null);
        }
    }

    /// <summary>ping's own average (rtt min/avg/max/mdev = a/b/c/d ms) over a few round trips from the host to n2.</summary>
    private static async Task<double> AverageRttAsync(ILabHost from)
    {
        var ping = await from.RunAsync("ping -c 5 -i 0.2 -W 5 n2 | tail -1");
        Assert.True(ping.ExitCode == 0, ping.Stdout + ping.Stderr);
        return double.Parse(ping.Stdout.Split('=')[1].Trim().Split('/')[1], CultureInfo.InvariantCulture);
    }
}
