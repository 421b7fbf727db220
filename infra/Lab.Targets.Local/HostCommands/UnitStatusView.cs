using System.Globalization;
using System.Text;

namespace Lab.Targets.Local.HostCommands;

/// <summary>`systemctl status` as systemd prints it: the unit line, Loaded, Active, Main PID, then the log's last lines.</summary>
public static class UnitStatusView
{
    public static string Render(HostUnit unit, UnitState state, string host, string? commandLine, IReadOnlyList<string> log, DateTime now)
    {
        var text = new StringBuilder();
        var bullet = state.Active switch { "active" => "●", "failed" => "×", _ => "○" };
        text.AppendLine($"{bullet} {unit.Unit} - {unit.Description}");
        text.AppendLine($"     Loaded: loaded (supervised by the lab tool on this namespace host; enabled)");
        var since = state.Since is { } at ? $" since {Stamp(at)}; {Ago(now - at)} ago" : "";
        text.AppendLine($"     Active: {state.Active} ({state.Sub}){since}");
        if (state.Pid > 0)
        {
            var comm = Comm(state.Pid);
            text.AppendLine($"   Main PID: {state.Pid} ({comm})");
            text.AppendLine($"     CGroup: /lab.slice/{host}/{unit.Unit}");
            text.AppendLine($"             └─{state.Pid} {commandLine ?? comm}");
        }
        if (log.Count > 0)
        {
            text.AppendLine();
            foreach (var line in log) text.AppendLine(line);
        }
        return text.ToString();
    }

    /// <summary>systemd's timestamp: "Sun 2026-11-22 16:40:01 UTC".</summary>
    public static string Stamp(DateTime utc) =>
        utc.ToString("ddd yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>systemd's span: "12s", "2min 3s", "1h 5min", "2 days 3h".</summary>
    public static string Ago(TimeSpan span)
    {
        if (span < TimeSpan.Zero) span = TimeSpan.Zero;
        if (span.TotalDays >= 1) return $"{(int)span.TotalDays} day{((int)span.TotalDays == 1 ? "" : "s")} {span.Hours}h";
        if (span.TotalHours >= 1) return $"{(int)span.TotalHours}h {span.Minutes}min";
        if (span.TotalMinutes >= 1) return $"{(int)span.TotalMinutes}min {span.Seconds}s";
        return span.TotalSeconds >= 1 ? $"{(int)span.TotalSeconds}s" : $"{(int)span.TotalMilliseconds}ms";
    }

    private static string Comm(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/comm").Trim(); }
        catch (IOException) { return "?"; }
    }

    /// <summary>The process's command line as ps shows it, or null once it is gone.</summary>
    public static string? CommandLine(int pid)
    {
        try { return string.Join(' ', File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries)); }
        catch (IOException) { return null; }
    }
}
