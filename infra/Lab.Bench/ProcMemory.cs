using System.Globalization;

namespace Lab.Bench;

/// <summary>Memory figures from /proc, parsed from text so the parsing is testable without a running server.</summary>
public static class ProcMemory
{
    /// <summary>VmRSS of a process in MiB, or null when it is gone.</summary>
    public static double? RssMib(int pid)
    {
        try { return KibField(File.ReadAllText($"/proc/{pid}/status"), "VmRSS") / 1024.0; }
        catch (IOException) { return null; }
    }

    /// <summary>VmRSS, RssAnon, RssFile and PSS of a process, or null when it is gone.</summary>
    public static ProcessMemory? Of(int pid)
    {
        try
        {
            var rollup = $"/proc/{pid}/smaps_rollup";
            return ProcessMemory.Parse(File.ReadAllText($"/proc/{pid}/status"), File.Exists(rollup) ? File.ReadAllText(rollup) : null);
        }
        catch (IOException) { return null; }
    }

    public static double MemAvailableMib() => (KibField(File.ReadAllText("/proc/meminfo"), "MemAvailable") ?? 0) / 1024.0;

    public static long MemTotalMib() => (KibField(File.ReadAllText("/proc/meminfo"), "MemTotal") ?? 0) / 1024;

    /// <summary>A "Name:   1234 kB" line of /proc/&lt;pid&gt;/status or /proc/meminfo, in KiB.</summary>
    public static long? KibField(string text, string name)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name + ":", StringComparison.Ordinal)) continue;
            var parts = line[(name.Length + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var kib)) return kib;
        }
        return null;
    }
}
