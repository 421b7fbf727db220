using System.Diagnostics;
using System.Reflection;
using Lab.Core.Errors;
using Lab.Core.Loading;
using Lab.Instances;
using Lab.Instances.Rootless;

namespace Lab.Cli;

/// <summary>
/// Run by an ordinary user, a command that works on local-target instances runs again inside the user's rootless holder
/// (see <see cref="RootlessHolder"/>), as uid 0 of the user's own namespaces, with the state and cache in the user's own
/// directories. Everything else (help, list, render, export, other targets) runs as it is.
/// </summary>
internal static class RootlessEntry
{
    private static readonly HashSet<string> LocalCommands = ["up", "down", "status", "sql", "shell", "run", "start", "stop", "kill", "env", "bench", "exec", "guide"];

    /// <returns>The exit code of the command run inside the holder, or null when this process should run it itself.</returns>
    public static async Task<int?> RunInsideAsync(string[] args, TextWriter error)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith('-'));
        if (Native.IsRoot || !NeedsLocalTarget(command, args)) return null;
        var home = Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } h ? h : "/tmp";
        var state = Setting("LAB_STATE_DIR") ?? Path.Combine(Setting("XDG_STATE_HOME") ?? Path.Combine(home, ".local", "state"), "lab");
        var cache = Setting("LAB_CACHE_DIR") ?? Path.Combine(Setting("XDG_CACHE_HOME") ?? Path.Combine(home, ".cache"), "lab");
        int holder;
        try
        {
            RootlessPreflight.Check(Environment.UserName, Native.Uid);
            holder = await new RootlessHolder(state).FindOrStartAsync(cache, usesCache: command is "up" or "run" or "bench", CancellationToken.None);
        }
        catch (LabException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        var code = await RunAsync(holder, args, state);
        // No instance left (after `down`, a failed `up`, or a `status` with nothing up): no holder left either.
        await new RootlessHolder(state).StopWhenIdleAsync(waitForExits: command == "down", CancellationToken.None);
        return code;
    }

    /// <summary>This program again, with the same arguments, inside the holder; standard streams shared.</summary>
    private static async Task<int> RunAsync(int holder, string[] args, string state)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var psi = new ProcessStartInfo("nsenter") { UseShellExecute = false };
        foreach (var a in RootlessHolder.Enter(holder)) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(self);
        // Under `dotnet lab.dll`, the process is dotnet and the program its first argument.
        if (Path.GetFileName(self) == "dotnet") psi.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.WorkingDirectory = Environment.CurrentDirectory;
        psi.Environment["LAB_STATE_DIR"] = state;
        psi.Environment["LAB_CACHE_DIR"] = RootlessHolder.CacheInside;
        psi.Environment[MachineOwners.Variable] = await MachineOwners.DescribeAsync(MountPointsOfAllLabs(), CancellationToken.None);
        using var process = Process.Start(psi)!;
        // Ctrl-C reaches the command inside too (same process group): it stops cleanly, and its exit code is the one to return.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    private static bool NeedsLocalTarget(string? command, string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "-?")) return false;
        if (command is null || !LocalCommands.Contains(command)) return false;
        var target = Array.FindIndex(args, a => a is "--target" or "-t");
        var named = target >= 0 && target + 1 < args.Length ? args[target + 1]
            : args.FirstOrDefault(a => a.StartsWith("--target=", StringComparison.Ordinal))?["--target=".Length..];
        return named is null or "local";
    }

    /// <summary>Every directory a lab's host mounts over; none when the catalog cannot be read (the command inside says why).</summary>
    private static IEnumerable<string> MountPointsOfAllLabs()
    {
        try
        {
            var catalog = LabCatalog.Locate();
            return catalog.LabNames.SelectMany(n => catalog.Load(n).Hosts.SelectMany(h => h.Mounts)).ToList();
        }
        catch (LabException) { return []; }
    }

    private static string? Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
}
