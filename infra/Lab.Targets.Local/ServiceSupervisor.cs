using Lab.Instances;
using Lab.Core.Hosts;
using Lab.Core.Services;
using Lab.Core.Waits;

namespace Lab.Targets.Local;

/// <summary>
/// Runs a host's services as detached processes inside its namespaces, one pid file each. No restart policy: a killed
/// service stays down until asked to start, which is what the scenarios need.
/// </summary>
/// <param name="insideHost">This process already runs inside the host (a host's `systemctl` calling the tool back):
/// services start right here, since the host's own namespace files are not visible from inside it.</param>
public sealed class ServiceSupervisor(LocalLayout layout, string instance, string host, bool insideHost = false)
{
    internal string PidFile(string service) => Path.Combine(layout.ServiceDir(instance, host), service + ".pid");

    public async Task StartAsync(string service, IReadOnlyList<string>? extraArgs, CancellationToken ct)
    {
        var spec = ServiceCatalog.Get(service);
        var current = Status(service);
        if (current.State != ServiceState.Stopped)
            throw new Lab.Core.Errors.LabException($"{host}: {service} is already {current}");
        var pidFile = PidFile(service);
        File.Delete(pidFile);
        var args = extraArgs is { Count: > 0 } ? " " + string.Join(' ', extraArgs.Select(Quote)) : "";
        var log = spec.LogPath;
        var wrapper = $"mkdir -p {Path.GetDirectoryName(log)}; echo $$ > {pidFile}; exec {spec.Command}{args} >> {log} 2>&1 < /dev/null";
        string[] launch = ["setsid", "-f", "sh", "-c", wrapper];
        await (insideHost ? ProcessRunner.RequireAsync(launch[0], launch[1..], ct: ct)
            : ProcessRunner.RequireAsync("nsenter", [.. layout.EnterHost(instance, host), .. launch], ct: ct));
        // setsid -f returns before the child has written its pid: wait for it (a loaded 2-core machine took over 5 s once).
        await Until.Real.HoldsAsync($"{host}: {service} pid file", _ =>
            Task.FromResult(new ProbeResult(ReadPid(service) > 0, "no pid file yet")), new WaitPolicy(TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(5)), ct);
    }

    public async Task StopAsync(string service, CancellationToken ct)
    {
        var status = Status(service);
        if (status.State == ServiceState.Stopped) return;
        if (status.State == ServiceState.Paused) Native.Signal(status.Pid, Native.SIGCONT);
        Native.Signal(status.Pid, Native.SIGTERM);
        await WaitGoneAsync(service, status.Pid, ServiceCatalog.Get(service).StopTimeout, ct);
    }

    public async Task SignalAsync(string service, ServiceSignal signal, CancellationToken ct)
    {
        var status = Status(service);
        if (status.State == ServiceState.Stopped)
            throw new Lab.Core.Errors.LabException($"{host}: {service} is not running");
        Native.Signal(status.Pid, signal switch
        {
            ServiceSignal.Kill => Native.SIGKILL,
            ServiceSignal.Pause => Native.SIGSTOP,
            _ => Native.SIGCONT,
        });
        if (signal == ServiceSignal.Kill) await WaitGoneAsync(service, status.Pid, TimeSpan.FromSeconds(10), ct);
    }

    public ServiceStatus Status(string service)
    {
        var pid = ReadPid(service);
        if (pid <= 0) return new ServiceStatus(service, ServiceState.Stopped, 0);
        var state = IsService(pid, service) ? ProcessState(pid) : null;
        return state switch
        {
            null or 'Z' or 'X' => new ServiceStatus(service, ServiceState.Stopped, 0),
            'T' or 't' => new ServiceStatus(service, ServiceState.Paused, pid),
            _ => new ServiceStatus(service, ServiceState.Running, pid),
        };
    }

    private async Task WaitGoneAsync(string service, int pid, TimeSpan timeout, CancellationToken ct)
    {
        await Until.Real.HoldsAsync($"{host}: {service} (pid {pid}) to exit", _ =>
        {
            var state = ProcessState(pid);
            return Task.FromResult(new ProbeResult(state is null or 'Z' or 'X', $"process state {state}"));
        }, new WaitPolicy(timeout, TimeSpan.FromMilliseconds(20)), ct);
        File.Delete(PidFile(service));
    }

    private int ReadPid(string service)
    {
        try { return int.TryParse(File.ReadAllText(PidFile(service)).Trim(), out var pid) ? pid : 0; }
        catch (IOException) { return 0; }
    }

    /// <summary>The state letter from /proc/&lt;pid&gt;/stat, or null when no such process exists.</summary>
    private static char? ProcessState(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length ? stat[close + 2] : null;
        }
        catch (IOException) { return null; }
    }

    /// <summary>Guards against a stale pid file whose number now belongs to another program.</summary>
    private static bool IsService(int pid, string service)
    {
        try
        {
            var argv0 = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0')[0];
            return Path.GetFileName(argv0) == ServiceCatalog.Get(service).Command.Split(' ')[0];
        }
        catch (IOException) { return false; }
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''") + "'";
}
