using System.Runtime.InteropServices;

namespace Lab.Instances;

/// <summary>The few libc calls .NET does not expose: signals other than SIGKILL, the effective uid, chown.</summary>
public static partial class Native
{
    public const int SIGKILL = 9, SIGTERM = 15, SIGCONT = 18, SIGSTOP = 19;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int sig);

    [LibraryImport("libc")]
    private static partial uint geteuid();

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int chown(string path, int uid, int gid);

    public static bool Signal(int pid, int signal) => kill(pid, signal) == 0;

    public static bool IsRoot => geteuid() == 0;

    /// <summary>The effective uid as this process's user namespace sees it.</summary>
    public static int Uid => (int)geteuid();

    public static void Chown(string path, int uid, int gid)
    {
        if (chown(path, uid, gid) != 0)
            throw new IOException($"chown {path} failed (errno {Marshal.GetLastPInvokeError()})");
    }
}
