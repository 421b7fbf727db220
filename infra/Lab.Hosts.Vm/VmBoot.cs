using System.Globalization;
using Lab.Core.Model;
using Lab.Hosts.Ssh;
using Lab.Images;
using Lab.Instances;

namespace Lab.Hosts.Vm;

/// <summary>
/// One VM: a copy-on-write overlay of the cached disk image (the image is never written), a small seed disk with its
/// identity (host name, /etc/hosts, host key, the instance's login key, its addresses), a tap device on the bridge of
/// each lab network it joins, and QEMU started inside the lab's switch namespace so the VM's NIC is on the lab network and nowhere else.
/// </summary>
public sealed class VmBoot(VmLayout vms, string instance, LabDefinition lab, int index)
{
    private HostDefinition Host => lab.Hosts[index];

    /// <param name="addFiles">Adds files of its own under the directory given, copied over the VM's / at each boot.</param>
    /// <returns>The known_hosts line for this VM's new host key.</returns>
    public async Task<string> PrepareAsync(VmImageFiles image, string authorizedKey, CancellationToken ct, Action<string>? addFiles = null)
    {
        var dir = vms.HostDir(instance, Host.Name);
        Directory.CreateDirectory(dir);
        await ProcessRunner.RequireAsync("qemu-img", ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", image.Disk, vms.Overlay(instance, Host.Name)], ct: ct);

        var seed = vms.SeedDir(instance, Host.Name);
        var knownHost = await ManagedMachines.WriteIdentityAsync(Path.Combine(seed, "files"), lab, Host, authorizedKey, ct);
        addFiles?.Invoke(Path.Combine(seed, "files"));
        File.WriteAllText(Path.Combine(seed, "network.sh"), NetworkScript());
        await ProcessRunner.RequireAsync("mkfs.ext4", ["-q", "-F", "-L", "labseed", "-d", seed, vms.SeedImage(instance, Host.Name), "8M"], ct: ct);
        Directory.Delete(seed, true); // the private keys live on in the seed image only, which `down` removes
        if (Host.VmSize.DataDiskMb is { } mb) await VmDataDisk.CreateAsync(vms.DataDisk(instance, Host.Name), mb, ct);
        return knownHost;
    }

    /// <summary>The addresses the VM sets on itself at boot: one NIC per network it joins, eth0 first (net.ifnames=0, NICs in PCI order).</summary>
    internal string NetworkScript() => "ip link set lo up\n" + string.Concat(Host.Nics.Select(nic =>
        $"ip addr add {nic.Address}{lab.Network(nic.Network).Subnet.PrefixSuffix} dev {nic.Device}\nip link set {nic.Device} up\n"));

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
        await ProcessRunner.RequireAsync("ip", ["-n", LocalLayout.SwitchNetns(instance), "-batch", "-"], string.Concat(Host.Nics.Select(nic =>
            $"tuntap add dev {VmLayout.Tap(index, nic.Index)} mode tap\nlink set {VmLayout.Tap(index, nic.Index)} master {LabNetwork.Bridge(lab, nic.Network)} up\n")), ct: ct);
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
        foreach (var nic in Host.Nics)
            args.AddRange([
                "-netdev", $"tap,id=n{nic.Index},ifname={VmLayout.Tap(index, nic.Index)},script=no,downscript=no",
                // No option ROM: the kernel is booted directly, and Debian's qemu does not depend on the iPXE ROMs.
                "-device", $"virtio-net-pci,netdev=n{nic.Index},mac={VmLayout.Mac(index, nic.Index)},romfile=",
            ]);
        args.AddRange([
            // Entropy from the host: without it sshd waits for the guest's random pool, a minute and more under emulation.
            "-device", "virtio-rng-pci",
            "-nodefaults", "-display", "none", "-monitor", "none",
            "-serial", $"file:{vms.ConsoleLog(instance, Host.Name)}",
            "-no-reboot", "-daemonize", "-pidfile", vms.PidFile(instance, Host.Name),
        ]);
        await ProcessRunner.RequireAsync("nsenter", args, timeout: TimeSpan.FromSeconds(60), ct: ct);
    }
}
