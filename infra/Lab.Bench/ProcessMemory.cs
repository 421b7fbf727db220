namespace Lab.Bench;

/// <summary>
/// Where one process's memory is, in MiB. VmRSS counts every page mapped in, including the program's and libraries'
/// file pages that all mariadbd on the machine share; RssAnon is the process's own (heap, buffers, stacks); PSS splits
/// each shared page between the processes that map it, so summed over all nodes it is what they really take.
/// </summary>
public sealed record ProcessMemory(double RssMib, double RssAnonMib, double RssFileMib, double? PssMib)
{
    /// <param name="status">/proc/&lt;pid&gt;/status</param>
    /// <param name="smapsRollup">/proc/&lt;pid&gt;/smaps_rollup, or null where the kernel has none (before 4.14).</param>
    public static ProcessMemory? Parse(string status, string? smapsRollup)
    {
        if (ProcMemory.KibField(status, "VmRSS") is not { } rss) return null;
        return new ProcessMemory(rss / 1024.0, (ProcMemory.KibField(status, "RssAnon") ?? 0) / 1024.0,
            (ProcMemory.KibField(status, "RssFile") ?? 0) / 1024.0,
            smapsRollup is null ? null : ProcMemory.KibField(smapsRollup, "Pss") / 1024.0);
    }
}
