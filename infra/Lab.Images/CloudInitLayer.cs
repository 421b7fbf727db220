using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Lab.Instances;

namespace Lab.Images;

/// <summary>
/// What the payload proof of an Azure program adds on top of the machine image, as an overlay layer of its own (the
/// machine image every lab boots stays as it is): Debian's <c>cloud-init</c> and <c>sudo</c>, as on Azure's Debian 12
/// image, and a Debian repository of the lab's packages at <c>file:/srv/lab-apt</c> as the only apt source, standing in
/// for Azure's Debian mirror, so a cloud-config's <c>package_update</c> and <c>packages</c> really run, offline.
/// Built once per base image and package set, cached next to the machine image.
/// </summary>
public static class CloudInitLayer
{
    public static readonly string[] Added = ["cloud-init", "sudo", "apt-utils"];

    public const string RepositoryDir = "/srv/lab-apt";

    /// <summary>The packages the local repository carries: every package the machine image was built with, and the added ones.</summary>
    public static IReadOnlyList<string> RepositoryPackages => MachineImage.Packages.Concat(Added).Distinct().Order(StringComparer.Ordinal).ToList();

    public static string Directory(LocalLayout layout)
    {
        var key = string.Join("\n", MachineImage.Directory(layout), string.Join(",", RepositoryPackages), Build("MNT"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
        return Path.Combine(layout.CacheRoot, "machines", $"cloud-init-layer-{hash}");
    }

    /// <summary>The overlay <c>lowerdir</c> of a proof machine: this layer over the machine image.</summary>
    public static async Task<string> EnsureAsync(LocalLayout layout, Action<string> progress, CancellationToken ct)
    {
        var image = await MachineImage.EnsureAsync(layout, progress, ct);
        var dir = Directory(layout);
        var layer = Path.Combine(dir, "layer");
        var lower = $"{layer}:{image}";
        if (File.Exists(Path.Combine(dir, ".complete"))) return lower;
        using var _ = await BuildLock.TakeAsync(dir + ".lock", "the cloud-init layer", progress, ct);
        if (File.Exists(Path.Combine(dir, ".complete"))) return lower;

        progress($"building the cloud-init layer over the machine image (cloud-init, sudo, a local apt repository; once, a minute or two): {dir}");
        var clock = Stopwatch.StartNew();
        var work = dir + $".tmp{Environment.ProcessId}";
        if (System.IO.Directory.Exists(work)) System.IO.Directory.Delete(work, true);
        foreach (var d in new[] { "layer", "work", "mnt" }) System.IO.Directory.CreateDirectory(Path.Combine(work, d));
        var script = $"""
            mount -t overlay overlay -o 'lowerdir={image},upperdir={work}/layer,workdir={work}/work' '{work}/mnt'
            trap "umount '{work}/mnt/proc' 2>/dev/null; umount '{work}/mnt/dev' 2>/dev/null; umount '{work}/mnt'" EXIT
            {Build($"{work}/mnt")}
            """;
        var run = await ProcessRunner.RunAsync("sh", ["-ec", script], timeout: TimeSpan.FromMinutes(20), ct: ct);
        if (!run.Ok) throw new ImageBuildException($"the cloud-init layer failed to build ({run.Describe()})");
        System.IO.Directory.Delete(Path.Combine(work, "mnt"));
        System.IO.Directory.Delete(Path.Combine(work, "work"), true);
        File.WriteAllText(Path.Combine(work, ".complete"), $"{{\"seconds\": {clock.Elapsed.TotalSeconds:0.0}, \"built\": \"{DateTimeOffset.UtcNow:O}\"}}\n");
        System.IO.Directory.Move(work, dir);
        progress($"cloud-init layer built in {clock.Elapsed.TotalSeconds:0.0}s");
        return lower;
    }

    /// <summary>
    /// Inside the mounted layer: install the added packages (and bring the image's to the mirror's current versions),
    /// download each repository package's .deb at the installed version, index them, and make that the only source.
    /// </summary>
    internal static string Build(string mnt) => Build(mnt, RepositoryPackages);

    private static string Build(string mnt, IEnumerable<string> repositoryPackages)
    {
        var packages = string.Join(' ', repositoryPackages);
        return $"""
            mount -t proc proc '{mnt}/proc'
            mount --bind /dev '{mnt}/dev'
            chroot '{mnt}' apt-get update -q
            chroot '{mnt}' env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends {packages}
            chroot '{mnt}' apt-get clean
            # Azure's Debian image has its default locale generated; cloud-init's locale module fails without it.
            sed -i 's/^# *\(en_US.UTF-8 UTF-8\)/\1/' '{mnt}/etc/locale.gen'
            chroot '{mnt}' locale-gen
            chroot '{mnt}' env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --reinstall --download-only {packages}
            mkdir -p '{mnt}{RepositoryDir}'
            mv '{mnt}'/var/cache/apt/archives/*.deb '{mnt}{RepositoryDir}/'
            chroot '{mnt}' sh -ec 'cd {RepositoryDir} && apt-ftparchive packages . > Packages && apt-ftparchive release . > Release'
            printf '# The payload proof: a local repository of the lab packages stands in for the Debian mirror (nothing leaves the machine).\ndeb [trusted=yes] file:{RepositoryDir} ./\n' > '{mnt}/etc/apt/sources.list'
            rm -f '{mnt}'/etc/apt/sources.list.d/*
            rm -rf '{mnt}'/var/lib/apt/lists/*
            chroot '{mnt}' apt-get update -q
            """;
    }

    /// <summary>
    /// The same for the VM image (the chroot is already prepared by the VM image's build), with the VM's packages in the
    /// repository too, and three things a VM needs that a machine does not: the data disk's Azure name, cloud-init after
    /// the seed disk is read, and NoCloud chosen before that.
    /// </summary>
    internal static string ForVm(string root, IEnumerable<string> imagePackages) => $"""
        {Build(root, imagePackages.Concat(Added).Distinct().Order(StringComparer.Ordinal))}
        # Azure's agent (waagent's udev rules) names a data disk by its LUN; the VM's third disk is LUN 0 of the program.
        mkdir -p '{root}/etc/udev/rules.d'
        printf '# The payload proof: the third virtio disk is the Azure program'"'"'s data disk at LUN 0, named as waagent names it on Azure.\nKERNEL=="vdc", SYMLINK+="disk/azure/scsi1/lun0"\n' > '{root}/etc/udev/rules.d/66-lab-azure-data-disk.rules'
        # The NoCloud seed arrives on the seed disk, which lab-seed copies over / at boot: cloud-init reads it after that.
        mkdir -p '{root}/etc/systemd/system/cloud-init-local.service.d'
        printf '[Unit]\nWants=lab-seed.service\nAfter=lab-seed.service\n' > '{root}/etc/systemd/system/cloud-init-local.service.d/lab-seed.conf'
        # cloud-init's generator decides whether cloud-init runs before any unit (so before lab-seed): NoCloud is named here.
        printf 'datasource_list: [ NoCloud, None ]\n' > '{root}/etc/cloud/cloud.cfg.d/89-lab-nocloud.cfg'
        """;
}
