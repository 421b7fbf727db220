namespace Lab.Instances;

/// <summary>
/// Whether this machine's kernel has a module, loaded, built in, or loadable. Namespaces and containers share this
/// kernel, so a host needing a module the kernel lacks must be a VM.
/// </summary>
public static class KernelModules
{
    public static async Task<bool> HasAsync(string module, CancellationToken ct)
    {
        // Loaded modules, and built-in ones with parameters, show under /sys/module.
        if (Directory.Exists($"/sys/module/{module}")) return true;
        if (!File.Exists("/usr/sbin/modprobe") && !File.Exists("/sbin/modprobe")) return false;
        // --dry-run: is it there to load, without loading it.
        return (await ProcessRunner.RunAsync("modprobe", ["--dry-run", "--quiet", module], ct: ct)).Ok;
    }
}
