using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Lab.Core.Services;
using Lab.Instances;

namespace Lab.Images;

/// <summary>
/// The Debian 12 root filesystem every machine boots from: debootstrap minbase with systemd, sshd and every package
/// the lab services need, so machines need no network. Built once per package set, cached under the cache root.
/// </summary>
public static class MachineImage
{
    public const string Suite = "bookworm";

    private static readonly string[] Base = ["systemd", "systemd-sysv", "dbus", "openssh-server", "nftables", "socat", "iproute2", "procps"];

    public static IReadOnlyList<string> Packages =>
        Base.Concat(ServiceCatalog.AllPackages).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Keyed by the suite, the packages and the build steps themselves: changing any of them builds a new image.</summary>
    public static string Directory(LocalLayout layout)
    {
        var key = string.Join("\n", Suite, string.Join(",", Packages), string.Join(" ", DebootstrapArguments("ROOT", "MIRROR")), Finish("ROOT"));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
        return Path.Combine(layout.CacheRoot, "machines", $"debian-{Suite}-{hash}");
    }

    public static string RootOf(string imageDir) => Path.Combine(imageDir, "rootfs");

    /// <summary>The image's root filesystem, built first when missing; concurrent `up`s wait for one build.</summary>
    public static async Task<string> EnsureAsync(LocalLayout layout, Action<string> progress, CancellationToken ct)
    {
        var dir = Directory(layout);
        var done = Path.Combine(dir, ".complete");
        if (File.Exists(done)) return RootOf(dir);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(dir)!);
        using var _ = await BuildLock.TakeAsync(dir + ".lock", "the machine image", progress, ct);
        if (File.Exists(done)) return RootOf(dir);

        var mirror = AptMirror.Find();
        progress($"building the machine image (debootstrap {Suite} from {mirror}; once, about a minute or two): {dir}");
        var clock = Stopwatch.StartNew();
        var work = dir + $".tmp{Environment.ProcessId}";
        if (System.IO.Directory.Exists(work)) System.IO.Directory.Delete(work, true);
        var root = RootOf(work);
        System.IO.Directory.CreateDirectory(root);
        var debootstrap = await ProcessRunner.RunAsync("debootstrap", DebootstrapArguments(root, mirror), timeout: TimeSpan.FromMinutes(20), ct: ct);
        if (!debootstrap.Ok)
            throw new ImageBuildException($"debootstrap of {Suite} from {mirror} failed ({debootstrap.Describe()}); see {root}/debootstrap/debootstrap.log");
        await ProcessRunner.RequireAsync("sh", ["-ec", Finish(root)], timeout: TimeSpan.FromMinutes(2), ct: ct);
        File.WriteAllText(Path.Combine(work, ".complete"), $"{{\"seconds\": {clock.Elapsed.TotalSeconds:0.0}, \"mirror\": \"{mirror}\", \"built\": \"{DateTimeOffset.UtcNow:O}\"}}\n");
        System.IO.Directory.Move(work, dir);
        progress($"machine image built in {clock.Elapsed.TotalSeconds:0.0}s");
        ImagePruner.PruneOlderThan(dir, [layout.StateRoot, LocalLayout.Default.StateRoot], progress); // tests keep their own state
        return RootOf(dir);
    }

    /// <summary>Seconds the cached image took to build, when known.</summary>
    public static double? BuildSeconds(LocalLayout layout)
    {
        var done = Path.Combine(Directory(layout), ".complete");
        if (!File.Exists(done)) return null;
        var m = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(done), "\"seconds\": ([0-9.]+)");
        return m.Success ? double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>
    /// Every machine gets its own host keys and machine id at boot; the lab starts the services itself, in order,
    /// so the packages' units are not enabled; no passwords over SSH.
    /// </summary>
    internal static IReadOnlyList<string> DebootstrapArguments(string root, string mirror) =>
        ["--variant=minbase", $"--include={string.Join(",", Packages)}", Suite, root, mirror];

    internal static string Finish(string root) => $"""
        rm -f '{root}'/etc/ssh/ssh_host_*
        : > '{root}/etc/machine-id'
        chroot '{root}' systemctl disable mariadb.service mariadb.socket mariadb-extra.socket haproxy.service nginx.service >/dev/null 2>&1 || true
        mkdir -p '{root}/etc/ssh/sshd_config.d'
        printf 'PasswordAuthentication no\nUseDNS no\n' > '{root}/etc/ssh/sshd_config.d/lab.conf'
        chroot '{root}' apt-get clean
        """;
}
