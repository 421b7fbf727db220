using Lab.Core.Model;
using Lab.Core.Scenarios;

namespace Lab.Core.Loading;

/// <summary>
/// Reads lab.yaml's `setup:` and `restore:` lists: `{ title, on: HOSTS, run: SCRIPT, until: COMMAND, within: 60s }`,
/// each step with `run`, `until` or both. Every error names the file and line.
/// </summary>
internal static class LabStepReader
{
    public static IReadOnlyList<LabStep> Read(YamlMap root, string key, IReadOnlyList<HostDefinition> hosts) =>
        root.OptionalList(key).Select(n => ReadStep(root.AsMap(n, $"a {key} step"), key, hosts)).ToList();

    private static LabStep ReadStep(YamlMap entry, string key, IReadOnlyList<HostDefinition> hosts)
    {
        entry.RejectUnknown("title", "on", "run", "until", "within");
        var title = entry.RequireString("title", $"what this {key} step does, e.g. \"DRBD metadata and r0 up\"");
        var on = entry.OneOrMany("on", "a host name");
        if (on.Count == 0) throw entry.Error($"{key} step '{title}': missing 'on': expected a host or a list of hosts");
        foreach (var h in on.Where(h => hosts.All(d => d.Name != h)))
            throw entry.Error(entry.Find("on")!, $"{key} step '{title}': unknown host '{h}'; hosts are: {string.Join(", ", hosts.Select(d => d.Name))}");
        var run = entry.OptionalString("run", "a shell script, run as root with sh -e");
        var until = entry.OptionalString("until", "a command polled until it exits 0");
        if (run is null && until is null)
            throw entry.Error($"{key} step '{title}': give 'run' (a script run once on each host) and/or 'until' (a command polled until it succeeds)");
        var within = LabStep.DefaultWithin;
        if (entry.OptionalString("within", "a duration such as 60s") is { } w)
        {
            if (until is null) throw entry.Error(entry.Find("within")!, $"{key} step '{title}': 'within' bounds 'until'; add 'until' or remove 'within'");
            if (!DurationText.TryParse(w, out within) || within <= TimeSpan.Zero)
                throw entry.Error(entry.Find("within")!, $"{key} step '{title}': 'within: {w}' is not a duration; write e.g. 30s or 2m");
        }
        return new LabStep(title, on, run, until, within, entry.File, entry.Line);
    }

    /// <summary>`disk: 256M` or `disk: 1G` (a VM's empty data disk): megabytes, between 16 MB and 64 GB.</summary>
    public static int? ReadDiskMb(YamlMap vm, string host)
    {
        if (vm.OptionalString("disk", "a size such as 256M or 1G") is not { } text) return null;
        var at = vm.Find("disk")!;
        var t = text.Trim();
        var scale = t.EndsWith('G') ? 1024 : t.EndsWith('M') ? 1 : 0;
        if (scale == 0 || !int.TryParse(t[..^1], out var n) || n <= 0)
            throw vm.Error(at, $"host '{host}': vm disk '{text}' must be a size in M or G, such as 256M or 1G");
        var mb = (long)n * scale;
        if (mb is < 16 or > 65536) throw vm.Error(at, $"host '{host}': vm disk {text} must be between 16M and 64G");
        return (int)mb;
    }
}
