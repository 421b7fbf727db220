namespace Lab.Instances;

/// <summary>
/// A process a target started and recorded in a pid file (QEMU, systemd-nspawn). It is only ever signalled while its
/// command line still says it is that very process, never a pid the kernel has since given to something else.
/// </summary>
public static class OwnedProcess
{
    /// <summary>The pid in the file, or 0 when there is none.</summary>
    public static int ReadPid(string file)
    {
        try { return int.TryParse(File.ReadAllText(file).Trim(), out var pid) ? pid : 0; }
        catch (IOException) { return 0; }
    }

    /// <summary>True while the pid is alive (not a zombie) and its argv satisfies <paramref name="isOurs"/>.</summary>
    public static bool IsLive(int pid, Func<string[], bool> isOurs)
    {
        if (pid <= 0) return false;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')) return false;
            var argv = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return argv.Length > 0 && isOurs(argv);
        }
        catch (IOException) { return false; }
    }
}
