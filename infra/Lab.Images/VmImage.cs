using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Lab.Instances;

namespace Lab.Images;

/// <summary>The files one VM boots from: a raw ext4 root disk (never written: each VM gets an overlay), its kernel and initrd.</summary>
public sealed record VmImageFiles(string Disk, string Kernel, string Initrd);

/// <summary>Which VM image: the one every vm lab boots, or that one with cloud-init for the payload proof of an Azure program.</summary>
public enum VmImageKind
{
    Lab,
    CloudInit,
}

/// <summary>
/// The Debian 12 disk image every VM boots: the machines root filesystem plus Debian's own kernel and the packages
/// that need it (LVS, DRBD, Corosync, Pacemaker), installed in a chroot and turned into an ext4 image. Built once,
/// cached under a key of the base image, the package list and the build script itself, so changing any of them builds
/// a new image instead of booting a stale one.
/// </summary>
public static class VmImage
{
    /// <summary>What a VM has that a container cannot: its own kernel, and the tools for its kernel features.</summary>
    public static readonly IReadOnlyList<string> Packages =
        ["linux-image-amd64", "udev", "kmod", "iputils-ping", "ipvsadm", "drbd-utils", "corosync", "pacemaker", "crmsh", "curl", "tcpdump"];

    /// <summary>The size of the sparse root disk; the rootfs itself is ~1 GB.</summary>
    public const string DiskSize = "4G";

    /// <remarks>The cloud-init image lives in a folder of its own: each image's pruning removes older builds of its own folder.</remarks>
    public static string Directory(LocalLayout layout, VmImageKind kind = VmImageKind.Lab)
    {
        var key = string.Join("\n", Path.GetFileName(MachineImage.Directory(layout)), string.Join(",", Packages), DiskSize, BuildScript("ROOT", kind));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
        return Path.Combine(layout.CacheRoot, kind == VmImageKind.Lab ? "vm" : "vm-cloud-init", $"debian-{MachineImage.Suite}-{hash}");
    }

    public static VmImageFiles FilesIn(string dir) =>
        new(Path.Combine(dir, "disk.raw"), Path.Combine(dir, "vmlinuz"), Path.Combine(dir, "initrd.img"));

    public static bool IsBuilt(LocalLayout layout, VmImageKind kind = VmImageKind.Lab) => File.Exists(Path.Combine(Directory(layout, kind), ".complete"));

    /// <summary>The image, built first when missing (from the machines image, itself built when missing).</summary>
    public static async Task<VmImageFiles> EnsureAsync(LocalLayout layout, Action<string> progress, CancellationToken ct,
        VmImageKind kind = VmImageKind.Lab)
    {
        var dir = Directory(layout, kind);
        var done = Path.Combine(dir, ".complete");
        if (File.Exists(done)) return FilesIn(dir);
        var rootfs = await MachineImage.EnsureAsync(layout, progress, ct);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
        using var _ = await BuildLock.TakeAsync(dir + ".lock", "the VM image", progress, ct);
        if (File.Exists(done)) return FilesIn(dir);

        progress($"building the VM image (kernel and {Packages.Count - 1} packages into a copy of the machine image" +
            (kind == VmImageKind.CloudInit ? ", then cloud-init and a local apt repository" : "") + $"; once, 1-3 minutes): {dir}");
        var clock = Stopwatch.StartNew();
        var work = dir + $".tmp{Environment.ProcessId}";
        if (System.IO.Directory.Exists(work)) System.IO.Directory.Delete(work, true);
        System.IO.Directory.CreateDirectory(work);
        var root = Path.Combine(work, "rootfs");
        var log = Path.Combine(work, "build.log");
        await ProcessRunner.RequireAsync("cp", ["-a", "--reflink=auto", rootfs, root], timeout: TimeSpan.FromMinutes(10), ct: ct);
        File.WriteAllText(Path.Combine(root, "etc/apt/apt.conf.d/00lab-host"), await HostAptSettingsAsync(ct));
        // A private mount namespace: /proc and /dev for the chroot vanish with it, whatever happens.
        var build = await ProcessRunner.RunAsync("unshare", ["--mount", "--fork", "sh", "-ec", $"exec > '{log}' 2>&1\n" + BuildScript(root, kind)],
            timeout: TimeSpan.FromMinutes(20), ct: ct);
        if (!build.Ok)
            throw new ImageBuildException($"building the VM image failed ({build.Describe()}); the last lines of {log}:\n{Tail(log)}");

        var files = FilesIn(work);
        File.Copy(Directory1(root, "boot", "vmlinuz-*"), files.Kernel);
        File.Copy(Directory1(root, "boot", "initrd.img-*"), files.Initrd);
        await ProcessRunner.RequireAsync("mkfs.ext4", ["-q", "-F", "-L", "labroot", "-d", root, files.Disk, DiskSize], timeout: TimeSpan.FromMinutes(10), ct: ct);
        System.IO.Directory.Delete(root, true);
        File.WriteAllText(Path.Combine(work, ".complete"), $"{{\"seconds\": {clock.Elapsed.TotalSeconds:0.0}, \"built\": \"{DateTimeOffset.UtcNow:O}\"}}\n");
        System.IO.Directory.Move(work, dir);
        progress($"VM image built in {clock.Elapsed.TotalSeconds:0.0}s");
        ImagePruner.PruneOlderThan(dir, [layout.StateRoot, LocalLayout.Default.StateRoot], progress); // tests keep their own state
        return FilesIn(dir);
    }

    /// <summary>
    /// Installs the kernel and packages, then makes the image boot lean and the same way every time: no timers, the
    /// packages' own services off (the lab starts them, configured), and one unit that reads the VM's identity (host
    /// name, addresses, keys) from its seed disk before sshd starts.
    /// </summary>
    internal static string BuildScript(string root, VmImageKind kind = VmImageKind.Lab) => LabBuildScript(root) + "\n" +
        (kind == VmImageKind.CloudInit ? CloudInitLayer.ForVm(root, MachineImage.Packages.Concat(Packages)) + "\n" : "") +
        // Last: the chroot's apt used this machine's Acquire settings, and no package's service may start in the chroot.
        $"rm -f '{root}/usr/sbin/policy-rc.d' '{root}/etc/apt/apt.conf.d/00lab-host'\n";

    private static string LabBuildScript(string root) => $$"""
        r='{{root}}'
        mount -t proc proc "$r/proc"; mount --rbind /dev "$r/dev"; mount -t sysfs sys "$r/sys"
        printf '#!/bin/sh\nexit 101\n' > "$r/usr/sbin/policy-rc.d"; chmod +x "$r/usr/sbin/policy-rc.d"
        chroot "$r" apt-get update -q
        DEBIAN_FRONTEND=noninteractive chroot "$r" apt-get install -y -q --no-install-recommends {{string.Join(' ', Packages)}}
        chroot "$r" apt-get clean
        # A small initrd with just what finds the root disk and makes eth0 (lab-seed sets its address before udev runs):
        # Debian's default (most modules) costs half a minute of udev under emulation before the root is even mounted.
        printf 'MODULES=list\n' > "$r/etc/initramfs-tools/conf.d/lab"
        printf 'virtio_pci\nvirtio_blk\nvirtio_net\next4\n' >> "$r/etc/initramfs-tools/modules"
        chroot "$r" update-initramfs -u -k all
        chroot "$r" systemctl disable corosync.service pacemaker.service drbd.service keepalived.service ipvsadm.service nginx.service >/dev/null 2>&1 || true
        # Under emulation every unit at boot costs seconds: nothing starts that a lab does not use.
        chroot "$r" systemctl mask apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer man-db.timer dpkg-db-backup.timer \
          systemd-timesyncd.service getty@tty1.service serial-getty@ttyS0.service logd.service e2scrub_reap.service \
          systemd-journal-flush.service systemd-pstore.service systemd-binfmt.service >/dev/null 2>&1 || true
        # The journal stays in memory (journalctl works; nothing is flushed to the overlay at boot).
        mkdir -p "$r/etc/systemd/journald.conf.d"
        printf '[Journal]\nStorage=volatile\n' > "$r/etc/systemd/journald.conf.d/lab.conf"
        # Kernel modules load when a lab needs them (modprobe drbd), not at every boot.
        ln -sf /dev/null "$r/etc/modules-load.d/drbd.conf"
        rm -rf "$r/var/lib/pacemaker/cib/"*
        printf '/dev/vda / ext4 rw,noatime 0 1\n' > "$r/etc/fstab"
        chroot "$r" systemctl set-default multi-user.target
        cat > "$r/usr/local/sbin/lab-seed" <<'SEED'
        #!/bin/sh
        # The VM's identity, written by the tool on its seed disk (the second disk, /dev/vdb): files copied over / and a
        # script that sets the addresses. Runs once per boot, before the network and sshd.
        set -e
        mkdir -p /run/lab-seed
        mount -o ro /dev/vdb /run/lab-seed
        cp -a /run/lab-seed/files/. /
        hostname -F /etc/hostname
        sh /run/lab-seed/network.sh
        umount /run/lab-seed
        SEED
        chmod +x "$r/usr/local/sbin/lab-seed"
        cat > "$r/etc/systemd/system/lab-seed.service" <<'UNIT'
        [Unit]
        Description=Lab identity from the seed disk
        DefaultDependencies=no
        After=local-fs.target systemd-modules-load.service
        Before=network-pre.target ssh.service sysinit.target
        Wants=network-pre.target
        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart=/usr/local/sbin/lab-seed
        [Install]
        WantedBy=sysinit.target
        UNIT
        chroot "$r" systemctl enable lab-seed.service ssh.service
        """;

    /// <summary>The host's own Acquire settings (proxies, date checks of a snapshot mirror), so the chroot fetches as the host does.</summary>
    private static async Task<string> HostAptSettingsAsync(CancellationToken ct)
    {
        var dump = await ProcessRunner.RunAsync("apt-config", ["dump"], ct: ct);
        return dump.Ok ? string.Concat(dump.Stdout.Split('\n').Where(l => l.StartsWith("Acquire::", StringComparison.Ordinal)).Select(l => l + "\n")) : "";
    }

    private static string Directory1(string root, string sub, string pattern) =>
        System.IO.Directory.GetFiles(Path.Combine(root, sub), pattern).Order(StringComparer.Ordinal).LastOrDefault()
        ?? throw new ImageBuildException($"the VM image has no /{sub}/{pattern}: did linux-image-amd64 install?");

    private static string Tail(string file) =>
        File.Exists(file) ? string.Join("\n", File.ReadLines(file).TakeLast(15)) : "(no log)";
}
