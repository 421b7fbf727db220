using System.Globalization;

namespace Lab.Testing;

/// <summary>
/// A process as the kernel knows it: its id and when it started (ticks since boot, /proc/PID/stat field 22). The start
/// time tells a dead process from a new one that was given the same id later.
/// </summary>
public sealed record ProcessIdentity(int Pid, long StartTicks)
{
    public static ProcessIdentity Current { get; } = Of(Environment.ProcessId)
        ?? throw new InvalidOperationException("/proc/self/stat cannot be read: Lab.Testing needs Linux's /proc");

    /// <summary>The process with this id now, or null when there is none (or only its zombie).</summary>
    public static ProcessIdentity? Of(int pid)
    {
        string stat;
        try { stat = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        // The command name (field 2) is in parentheses and may itself hold spaces or ')': fields count from the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[0] is "Z" or "X") return null; // exited, not yet reaped by its parent: as dead as it gets
        return long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? new ProcessIdentity(pid, ticks) : null;
    }

    /// <summary>True while this very process runs (not one that reuses its id).</summary>
    public bool IsAlive => Of(Pid) is { } now && now.StartTicks == StartTicks;
}
