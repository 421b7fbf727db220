using System.Globalization;
using Lab.Core.Model;
using Lab.Hosts.Ssh;
using Lab.Images;
using Lab.Instances;

namespace Lab.Targets.Vm;

/// <summary>
/// One VM: a copy-on-write overlay of the cached disk image (the image is never written), a small seed disk with its
/// identity (host name, /etc/hosts, host key, the instance's login key, its addresses), a tap device on the lab's
/// bridge, and QEMU started inside the lab's switch namespace so the VM's NIC is on the lab network and nowhere else.
/// </summary>
public sealed class VmBoot(VmLayout vms, string instance, LabDefinition lab, int index)
{
    private HostDefinition Host => lab.Hosts[index];

    /// <returns>The known_hosts line for this VM's new host key.</returns>
    public async Task<string> PrepareAsync(VmImageFiles image, string authorizedKey, CancellationToken ct)
    {
        var dir = vms.HostDir(instance, Host.Name);
        Directory.CreateDirectory(dir);
        await ProcessRunner.RequireAsync("qemu-img", ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", image.Disk, vms.Overlay(instance, Host.Name)], ct: ct);

        var seed = vms.SeedDir(instance, Host.Name);
        var knownHost = await ManagedMachines.WriteIdentityAsync(Path.Combine(seed, "files"), lab, Host, authorizedKey, ct);
        File.WriteAllText(Path.Combine(seed, "network.sh"), NetworkScript());
        await ProcessRunner.RequireAsync("mkfs.ext4", ["-q", "-F", "-L", "labseed", "-d", seed, vms.SeedImage(instance, Host.Name), "8M"], ct: ct);
        Directory.Delete(seed, true); // the private keys live on in the seed image only, which `down` removes
        if (Host.VmSize.DataDiskMb is { } mb) await VmDataDisk.CreateAsync(vms.DataDisk(instance, Host.Name), mb, ct);
        return knownHost;
    }

    /// <summary>The addresses the VM sets on itself at boot (eth0 is its first NIC: net.ifnames=0).</summary>
    internal string NetworkScript() => $"""
        ip link set lo up
        ip addr add {Host.Address}{lab.Subnet.PrefixSuffix} dev eth0
        ip link set eth0 up

        """;

    /// <summary>
    /// eth0 for the first NIC, and none of the legacy PC devices'
    /// drivers that Debian's kernel would otherwise load at every boot (floppy, IDE, PC speaker, power button, CPU
    /// frequency, KVM inside the guest): under emulation each module load costs about a second.
    /// </summary>
    internal const string KernelCommandLine =
        "root=/dev/vda rw console=ttyS0 net.ifnames=0 panic=-1 mitigations=off " +
        "modprobe.blacklist=floppy,pcspkr,kvm,kvm_intel,kvm_amd,i2c_piix4,psmouse,serio_raw,ata_piix,ata_generic,pata_acpi,powernow_k8,acpi_cpufreq,evdev,button";

    /// <summary>Starts QEMU detached (it writes its pid file once the VM runs); the console goes to a log file.</summary>
    public async Task StartAsync(VmImageFiles image, Acceleration accel, CancellationToken ct)
    {
        var tap = VmLayout.Tap(index);
        await ProcessRunner.RequireAsync("ip", ["-n", LocalLayout.SwitchNetns(instance), "-batch", "-"],
            $"tuntap add dev {tap} mode tap\nlink set {tap} master br0 up\n", ct: ct);
        File.Delete(vms.PidFile(instance, Host.Name));
        var size = Host.VmSize;
        var args = new List<string>
        {
            $"--net={LocalLayout.NetnsPath(LocalLayout.SwitchNetns(instance))}", "qemu-system-x86_64",
            "-name", $"lab-{instance}-{Host.Name}",
        };
        args.AddRange(accel.QemuArguments);
        args.AddRange([
            "-smp", size.Cpus.ToString(CultureInfo.InvariantCulture), "-m", size.MemoryMb.ToString(CultureInfo.InvariantCulture),
            "-kernel", image.Kernel, "-initrd", image.Initrd,
            "-append", KernelCommandLine,
            "-drive", $"file={vms.Overlay(instance, Host.Name)},format=qcow2,if=virtio",
            "-drive", $"file={vms.SeedImage(instance, Host.Name)},format=raw,if=virtio,readonly=on",
        ]);
        args.AddRange(VmDataDisk.QemuArguments(vms.DataDisk(instance, Host.Name), Host.VmSize));
        args.AddRange([
            "-netdev", $"tap,id=n0,ifname={tap},script=no,downscript=no",
            // No option ROM: the kernel is booted directly, and Debian's qemu does not depend on the iPXE ROMs.
            "-device", $"virtio-net-pci,netdev=n0,mac={VmLayout.Mac(index)},romfile=",
            // Entropy from the host: without it sshd waits for the guest's random pool, a minute and more under emulation.
            "-device", "virtio-rng-pci",
            "-nodefaults", "-display", "none", "-monitor", "none",
            "-serial", $"file:{vms.ConsoleLog(instance, Host.Name)}",
            "-no-reboot", "-daemonize", "-pidfile", vms.PidFile(instance, Host.Name),
        ]);
        await ProcessRunner.RequireAsync("nsenter", args, timeout: TimeSpan.FromSeconds(60), ct: ct);
    }
}
