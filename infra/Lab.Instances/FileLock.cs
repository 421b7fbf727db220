using Lab.Core.Waits;

namespace Lab.Instances;

/// <summary>
/// An exclusive lock between processes (and between callers in one process): the file opened with no sharing, which
/// .NET holds as a flock on Linux. The kernel drops it when its holder dies, so a killed `lab up` never leaves it held.
/// </summary>
internal static class FileLock
{
    public static async Task<IDisposable> AcquireAsync(string file, string what, CancellationToken ct)
    {
        FileStream? stream = null;
        await Until.Real.HoldsAsync(what, _ =>
        {
            try
            {
                stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return Task.FromResult(ProbeResult.Yes("locked"));
            }
            catch (IOException e) { return Task.FromResult(ProbeResult.No(e.Message)); }
        }, new WaitPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20)), ct);
        return stream!;
    }
}
