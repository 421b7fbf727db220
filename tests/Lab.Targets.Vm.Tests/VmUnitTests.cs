using Lab.Core.Loading;
using Lab.Conformance;
using Lab.Hosts.Vm;
using Lab.Instances;

namespace Lab.Targets.Vm.Tests;

/// <summary>The vm target's pieces that need no VM.</summary>
public sealed class VmUnitTests
{
    [Fact]
    public async Task Given_this_machine_When_probing_kvm_Then_the_answer_names_why()
    {
        var kernel = Path.Combine(Path.GetTempPath(), "no-such-kernel");
        var accel = await Accelerator.ProbeAsync(kernel, CancellationToken.None);
        var flags = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("flags", StringComparison.Ordinal)).Split(' ');
        if (!flags.Contains("vmx") && !flags.Contains("svm"))
        {
            Assert.False(accel.Kvm);
            Assert.Contains("no vmx/svm", accel.Why);
        }
        Assert.Contains(accel.Kvm ? "KVM" : "TCG", accel.Describe);
    }

    [Fact]
    public void Given_a_host_When_its_seed_is_written_Then_the_vm_sets_its_own_lab_address_on_eth0()
    {
        var lab = new LabCatalog(RepoRoot.Path).Load("galera");
        var script = new VmBoot(new VmLayout(LocalLayout.Default), "x", lab, 1).NetworkScript();
        Assert.Contains($"ip addr add {lab.Hosts[1].Address}/24 dev eth0", script);
    }

    [Fact]
    public void Given_a_pid_that_is_not_qemu_Then_the_reaper_leaves_it_alone()
    {
        Assert.False(VmReaper.IsOurQemu(Environment.ProcessId, "/nowhere/disk.qcow2"));
        Assert.False(VmReaper.IsOurQemu(int.MaxValue, "/nowhere/disk.qcow2"));
    }

    [Fact]
    public void Given_a_host_on_two_networks_When_its_seed_is_written_Then_each_nic_gets_its_address_in_order()
    {
        var lab = new LabCatalog(RepoRoot.Path).Load("lvs");
        var rs1 = lab.Hosts.ToList().FindIndex(h => h.Name == "rs1");
        var script = new VmBoot(new VmLayout(LocalLayout.Default), "x", lab, rs1).NetworkScript();
        Assert.Contains("ip addr add 10.20.0.11/24 dev eth0", script);
        Assert.Contains("ip addr add 10.20.223.11/24 dev eth1", script);
        Assert.Equal(["vm1", "vm1n1"], new[] { VmLayout.Tap(1), VmLayout.Tap(1, 1) });
        Assert.NotEqual(VmLayout.Mac(1), VmLayout.Mac(1, 1));
    }

    [Fact]
    public async Task Given_a_mixed_lab_Then_isolation_vm_always_makes_a_vm_and_a_missing_kernel_feature_says_which()
    {
        var lab = new LabCatalog(RepoRoot.Path).Load("lvs");
        lab = lab with { Hosts = lab.Hosts.Select(h => h.Name == "client" ? h with { Isolation = "vm" } : h).ToList() };

        var needs = await VmPlacement.HostsNeedingVmsAsync(lab, CancellationToken.None);

        Assert.Contains(needs, n => n.Host.Name == "client" && n.Why == "isolation: vm");
        var director = needs.FirstOrDefault(n => n.Host.Name == "director");
        // ip_vs present (loaded, or loadable) keeps the director a namespace; absent makes it a VM, saying why.
        Assert.Equal(!await KernelModules.HasAsync("ip_vs", CancellationToken.None), director is not null);
        if (director is not null) Assert.Equal("needs ip_vs, which this machine's kernel lacks", director.Why);
    }

    [Fact]
    public void Given_a_mixed_instance_Then_a_host_that_is_not_a_vm_counts_as_powered_on()
    {
        var state = Directory.CreateTempSubdirectory("lab-vmpower-").FullName;
        try
        {
            var vms = new VmLayout(new LocalLayout(state, "/run/lab/ns", state));
            var lab = new LabCatalog(RepoRoot.Path).Load("lvs");
            Directory.CreateDirectory(vms.HostDir("mix", "director")); // a VM whose QEMU is not running
            var instance = new Lab.Core.Instances.LabInstance("mix", "local", lab, Lab.Core.Secrets.LabSecrets.Generate(), []);
            var power = new VmPower(vms, instance);

            Assert.True(power.IsOn("client"));    // a namespace: no switch, never "off"
            Assert.False(power.IsOn("director")); // a VM with no QEMU is off
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
