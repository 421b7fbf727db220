using System.Diagnostics;

namespace Lab.Cli;

/// <summary>
/// Runs a program for `lab shell` and returns its exit code. Its standard input is always the tool's own (so a
/// script can be piped in); its output either goes straight to the tool's own standard output and error (a terminal
/// stays a terminal for `mariadb`, `less`...), or is copied, as it comes, into a writer (tests read it there).
/// </summary>
internal static class ChildProcess
{
    public static async Task<int> RunAsync(string program, IReadOnlyList<string> arguments, TextWriter? output, CancellationToken ct, string workingDirectory = "/")
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = output is not null,
            RedirectStandardError = output is not null,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new CliException($"could not start {program}");
        if (output is null)
        {
            await process.WaitForExitAsync(ct);
            return process.ExitCode;
        }
        // One writer for both streams, as a terminal would show them; the lock keeps their chunks whole.
        var gate = new object();
        await Task.WhenAll(CopyAsync(process.StandardOutput, output, gate, ct), CopyAsync(process.StandardError, output, gate, ct),
            process.WaitForExitAsync(ct));
        return process.ExitCode;
    }

    private static async Task CopyAsync(StreamReader from, TextWriter to, object gate, CancellationToken ct)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await from.ReadAsync(buffer, ct)) > 0)
            lock (gate) to.Write(buffer, 0, read);
    }
}
