using Lab.Core.Services;
using Lab.Core.Model;
using Lab.Core.Rendering;
using Lab.Export.Pulumi.Yaml;

namespace Lab.Export.Pulumi.CloudInit;

/// <summary>
/// One host's #cloud-config: its packages, then exactly the files `lab render` gives it (same path, mode, owner
/// and bytes) and the systemd drop-ins the ssh target writes too (a killed service stays down; output in its lab log),
/// then first-boot commands. Secrets stay as <see cref="SecretSplice"/> tokens in the returned text.
/// </summary>
public static class CloudConfigBuilder
{
    public const string Header = "#cloud-config";

    /// <param name="extraFiles">Files the cloud needs beside the lab's own (the Azure load balancer's health check).</param>
    /// <param name="extraFirstBoot">Their first-boot commands, after the services'.</param>
    /// <param name="extraPackages">Packages the cloud's stock image lacks beside the services' own (a Pacemaker node's cluster stack).</param>
    public static string Build(LabDefinition lab, HostDefinition host, IReadOnlyList<RenderedFile> rendered,
        IReadOnlyList<PlumbingFile>? extraFiles = null, IReadOnlyList<string[]>? extraFirstBoot = null, IReadOnlyList<string>? extraPackages = null)
    {
        var clash = ServiceCatalog.SystemdFilesFor(host).FirstOrDefault(p => rendered.Any(r => r.Path == p.Path));
        if (clash is not null)
            throw new Lab.Core.Errors.LabInputException($"host {host.Name}: {clash.Path} is both a rendered file and a VM unit file");

        var files = rendered.Select(f => FileEntry(f.Path, f.Owner, f.Mode, f.Content))
            .Concat(ServiceCatalog.SystemdFilesFor(host).Concat(SystemdDropIn.For(host)).Concat(extraFiles ?? [])
                .Select(p => FileEntry(p.Path, "root", p.Mode, p.Content)))
            .ToList();
        // The drop-ins send each service's output to its lab log file: its directory must exist before the unit starts.
        var logDirs = host.Services.Where(s => !SystemdDropIn.IsSocket(s))
            .Select(s => Path.GetDirectoryName(ServiceCatalog.Get(s).LogPath)!).Distinct().Select(d => new[] { "mkdir", "-p", d });
        var config = new YMap()
            .Add("package_update", true)
            .Add("packages", new YList(ServiceCatalog.PackagesFor(host).Concat(extraPackages ?? []).Distinct().Select(p => (YNode)p).ToList()))
            .Add("write_files", new YList(files),
                "defer: written after the packages, so no package default replaces them and owners such as mysql exist")
            .Add("runcmd", new YList(logDirs.Concat(ServiceCatalog.FirstBootFor(host)).Concat(extraFirstBoot ?? []).Select(c => (YNode)new YList(c.Select(a => (YNode)a).ToList())).ToList()));
        return Header + "\n" + YamlWriter.Write(config,
        [
            $"{host.Name} ({host.Address}) of lab {lab.Name}: Debian packages, then the files `lab render {lab.Name} --host {host.Name}` shows.",
        ]);
    }

    private static YNode FileEntry(string path, string owner, string mode, string content) => new YMap()
        .Add("path", path)
        .Add("owner", $"{owner}:{owner}")
        .Add("permissions", mode)
        .Add("defer", true)
        .Add("content", content);
}
