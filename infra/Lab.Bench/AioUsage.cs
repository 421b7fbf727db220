namespace Lab.Bench;

/// <summary>
/// Linux AIO contexts in use on the machine (fs.aio-nr) against its limit (fs.aio-max-nr), before the density run and
/// with all its instances up. InnoDB asks for AIO contexts when it does not use io_uring; once the machine's limit is
/// reached, a starting mariadbd fails (io_setup: EAGAIN) and the fix is `sysctl fs.aio-max-nr=...`.
/// </summary>
public sealed record AioUsage(long Before, long WithAllUp, long Max)
{
    public static long? Read(string name)
    {
        try { return long.TryParse(File.ReadAllText($"/proc/sys/fs/{name}").Trim(), out var n) ? n : null; }
        catch (IOException) { return null; }
    }
}
