using Lab.Core.Waits;

namespace Lab.Images;

/// <summary>One image build at a time: concurrent `up`s wait for the first one's build instead of doing it again.</summary>
internal static class BuildLock
{
    public static async Task<IDisposable> TakeAsync(string file, string what, Action<string> progress, CancellationToken ct)
    {
        FileStream? stream = null;
        var told = false;
        await Until.Real.HoldsAsync($"the build lock of {what}", _ =>
        {
            try { stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); return Task.FromResult(ProbeResult.Yes("locked")); }
            catch (IOException e)
            {
                if (!told) progress($"another `lab up` is building {what}; waiting for it");
                told = true;
                return Task.FromResult(ProbeResult.No(e.Message));
            }
        }, new WaitPolicy(TimeSpan.FromMinutes(20), TimeSpan.FromMilliseconds(500)), ct);
        return stream!;
    }
}
