using System.Diagnostics;
using Lab.Core.Instances;
using Lab.Core.Messages;
using Lab.Core.Rendering;

namespace Lab.Hosts.Ssh;

/// <summary>The "prepare hosts" step on machines reached over SSH: connect to every host, then provision them side by side.</summary>
public static class SshHostPreparation
{
    public static async Task RunAsync(LabInstance instance, IReadOnlyList<RenderedFile> files, Action<string> progress, CancellationToken ct,
        Language language = Language.En)
    {
        var clock = Stopwatch.StartNew();
        var hosts = instance.Hosts.Values.OfType<SshHost>().ToList(); // a mixed lab's namespaces are prepared by the local target
        await Task.WhenAll(hosts.Select(h => h.RunAsync("true", timeout: TimeSpan.FromSeconds(30), ct: ct)));
        progress(EngineText.BringUp.Connected.In(language, string.Join(", ", hosts.Select(h => $"{h.Name} ({h.Endpoint.User}@{h.Endpoint.Address})")), clock.Elapsed.TotalSeconds));
        await Task.WhenAll(hosts.Select(h => SshProvisioner.PrepareAsync(h, files.Where(f => f.Host == h.Name).ToList(), progress, ct, language)));
    }
}
