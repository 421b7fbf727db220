using System.Diagnostics;
using Lab.Core.Hosts;

namespace Lab.Instances;

/// <summary>
/// The one way the tool runs a program on this machine (directly, through nsenter into a host, or ssh to one): to
/// completion with captured output, a timeout, cancellation that kills it, and, for long commands (`pulumi up`), each
/// line of output streamed as it comes.
/// </summary>
public static class ProcessRunner
{
    public const int TimedOutExitCode = 124;

    /// <summary>
    /// How long to wait for the end of a finished program's output. A process that left the program's tree but kept its
    /// pipes (a daemon it started, a command an ssh connection still carries after the ssh client was killed) would
    /// otherwise hold the tool forever: measured with a write in flight to a VM whose power was cut.
    /// </summary>
    internal static readonly TimeSpan OutputGrace = TimeSpan.FromSeconds(10);

    /// <param name="onLine">Called with each line of standard output as it arrives (the result still holds all of it).</param>
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> args, string? stdin = null,
        TimeSpan? timeout = null, CancellationToken ct = default, Action<string>? onLine = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new CommandResult(127, "", $"{file}: {e.Message}");
        }
        var stdout = onLine is null ? process.StandardOutput.ReadToEndAsync(CancellationToken.None) : StreamAsync(process.StandardOutput, onLine);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited without reading its input; its exit code says what happened.
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            ct.ThrowIfCancellationRequested();
            var (killedOut, killedErr) = await OutputAsync(stdout, stderr);
            return new CommandResult(TimedOutExitCode, killedOut, $"timed out after {(timeout ?? TimeSpan.FromMinutes(5)).TotalSeconds:0.#}s; " + killedErr);
        }
        var (output, errors) = await OutputAsync(stdout, stderr);
        return new CommandResult(process.ExitCode, output, errors);
    }

    /// <summary>
    /// Both outputs read to their end, within one <see cref="OutputGrace"/> together; one still held open by a process
    /// the program left behind is reported as such instead.
    /// </summary>
    private static async Task<(string Stdout, string Stderr)> OutputAsync(Task<string> stdout, Task<string> stderr)
    {
        try
        {
            await Task.WhenAll(stdout, stderr).WaitAsync(OutputGrace);
        }
        catch (TimeoutException)
        {
        }
        const string held = "(output still held open after the program ended, by a process it left behind; not read further)";
        return (stdout.IsCompletedSuccessfully ? stdout.Result : held, stderr.IsCompletedSuccessfully ? stderr.Result : held);
    }

    private static async Task<string> StreamAsync(StreamReader reader, Action<string> onLine)
    {
        var all = new System.Text.StringBuilder();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            all.Append(line).Append('\n');
            onLine(line);
        }
        return all.ToString();
    }

    public static async Task<CommandResult> RequireAsync(string file, IEnumerable<string> args, string? stdin = null,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var list = args.ToList();
        var result = await RunAsync(file, list, stdin, timeout, ct);
        return result.Ok ? result : throw new HostCommandException("local", $"{file} {string.Join(' ', list)}", result);
    }
}
