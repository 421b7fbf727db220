using Lab.Core.Hosts;
using Lab.Core.Messages;
using Lab.Core.Rendering;
using Lab.Core.Services;

namespace Lab.Hosts.Ssh;

/// <summary>
/// Makes a reachable systemd machine a lab host: the Debian packages its services need (installed only when missing),
/// the services the packages started stopped, the systemd plumbing, and the rendered files, exactly as `lab render` shows.
/// </summary>
public static class SshProvisioner
{
    private const int NoApt = 42, NoPackage = 43, InstallFailed = 44;

    public static async Task PrepareAsync(SshHost host, IReadOnlyList<RenderedFile> files, Action<string> progress, CancellationToken ct,
        Language language = Language.En)
    {
        await InstallPackagesAsync(host, progress, ct, language);

        var services = host.Definition.Services;
        var script = new List<string> { "set -e" };
        // Socket activation would start a killed server again on the next connection (a health check), and its
        // listener holds port 3306 (also on a host where HAProxy needs it): the lab starts mariadbd itself.
        script.Add("systemctl disable --now mariadb.socket mariadb-extra.socket >/dev/null 2>&1 || true");
        foreach (var s in services.Where(s => !SystemdUnits.IsSocket(s)))
        {
            // The package started it with Debian's defaults; the lab starts it in order, with its own files.
            script.Add($"systemctl stop {SystemdUnits.UnitOf(s)} 2>/dev/null || true");
            script.Add($"mkdir -p {Path.GetDirectoryName(ServiceCatalog.Get(s).LogPath)}");
        }
        await RequireAsync(host, string.Join("\n", script), "stop the packages' services", ct);

        await host.WriteFilesAsync([
            .. services.Where(s => !SystemdUnits.IsSocket(s)).Select(s => (SystemdUnits.DropInPath(s), SystemdUnits.DropIn(s), "0644", "root")),
            .. ServiceCatalog.SystemdFilesFor(host.Definition).Select(f => (f.Path, f.Content, f.Mode, "root")),
            .. files.Select(f => (f.Path, f.Content, f.Mode, f.Owner)),
        ], ct);
        var firstBoot = new[] { "systemctl daemon-reload" }
            .Concat(ServiceCatalog.FirstBootFor(host.Definition).Select(c => string.Join(' ', c)));
        await RequireAsync(host, "set -e\n" + string.Join("\n", firstBoot), "systemd setup", ct);
        progress(EngineText.BringUp.Provisioned.In(language, host.Name, files.Count));
    }

    private static async Task InstallPackagesAsync(SshHost host, Action<string> progress, CancellationToken ct, Language language)
    {
        var packages = string.Join(' ', ServiceCatalog.PackagesFor(host.Definition));
        var script = $$"""
            . /etc/os-release 2>/dev/null || PRETTY_NAME=unknown
            command -v apt-get >/dev/null 2>&1 || { echo "$PRETTY_NAME" >&2; exit {{NoApt}}; }
            missing=""
            for p in {{packages}}; do
              dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
            done
            [ -z "$missing" ] && exit 0
            echo "installing:$missing"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq >/dev/null 2>&1 || true
            for p in $missing; do
              apt-cache show "$p" >/dev/null 2>&1 || { echo "$PRETTY_NAME lacks $p" >&2; exit {{NoPackage}}; }
            done
            apt-get install -y -qq --no-install-recommends $missing >/tmp/lab-apt.log 2>&1 || { tail -n 3 /tmp/lab-apt.log >&2; exit {{InstallFailed}}; }
            """;
        var result = await host.RunAsync(script, timeout: TimeSpan.FromMinutes(15), ct: ct);
        var why = result.Stderr.Trim();
        switch (result.ExitCode)
        {
            case 0:
                if (result.Stdout.Trim() is var said && said.IndexOf("installing:", StringComparison.Ordinal) is >= 0 and var at)
                    progress(EngineText.BringUp.Installing.In(language, host.Name, said[(at + "installing:".Length)..]));
                return;
            case NoApt:
                throw new HostSetupException($"{host.Name}: {why} has no apt-get; the labs need a Debian-family system (Debian 12 or Ubuntu 22.04/24.04)");
            case NoPackage:
                throw new HostSetupException($"{host.Name}: {why} (needed: {packages}); use Debian 12 or Ubuntu 22.04/24.04, or enable the repository that has it");
            case InstallFailed:
                throw new HostSetupException($"{host.Name}: apt-get install failed ({why.Replace('\n', ' ')}); check the host's apt sources and network, then run up again");
            default:
                throw new HostCommandException(host.Name, "install packages", result);
        }
    }

    private static async Task RequireAsync(SshHost host, string script, string what, CancellationToken ct)
    {
        var result = await host.RunAsync(script, timeout: TimeSpan.FromMinutes(2), ct: ct);
        if (!result.Ok) throw new HostCommandException(host.Name, what, result);
    }
}
