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
}
