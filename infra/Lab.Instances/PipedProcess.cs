using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Lab.Core.Hosts;

namespace Lab.Instances;

/// <summary>
/// A program on this machine (nsenter into a host, ssh to one) kept running with pipes on its standard streams. Each
/// output is pumped into a queue of lines as it arrives, so a reader waits on something cancellable, never on a pipe
/// read that a timeout cannot interrupt.
/// </summary>
public sealed class PipedProcess : IHostProcess
{
    /// <summary>How long disposing waits for the program to end and its outputs to close before giving up on them.</summary>
    private static readonly TimeSpan DisposeGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly Channel<string> _output = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Channel<string> _error = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Task _pumps;

    private PipedProcess(Process process)
    {
        _process = process;
        _pumps = Task.WhenAll(PumpAsync(process.StandardOutput, _output.Writer), PumpAsync(process.StandardError, _error.Writer));
    }

    /// <summary>Starts <paramref name="file"/>; a program that cannot be started at all is a <see cref="Lab.Core.Errors.LabException"/>.</summary>
    public static PipedProcess Start(string file, IEnumerable<string> args)
    {
        var utf8 = new UTF8Encoding(false);
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = utf8,
            StandardOutputEncoding = utf8,
            StandardErrorEncoding = utf8,
            UseShellExecute = false,
        };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new Lab.Core.Errors.LabException($"{file}: {e.Message}");
        }
        return new PipedProcess(process);
    }

    public async Task WriteAsync(string text, CancellationToken ct = default)
    {
        await _process.StandardInput.WriteAsync(text.AsMemory(), ct);
        await _process.StandardInput.FlushAsync(ct);
    }

    public void CloseInput()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program is gone and cannot read anything anyway.
        }
    }

    public ValueTask<string?> ReadOutputLineAsync(CancellationToken ct = default) => ReadAsync(_output.Reader, ct);

    public ValueTask<string?> ReadErrorLineAsync(CancellationToken ct = default) => ReadAsync(_error.Reader, ct);

    public bool HasExited => _process.HasExited;

    public async Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already ended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        CloseInput();
        if (!_process.HasExited) Kill();
        await WaitForExitAsync(DisposeGrace);
        try
        {
            // A process the program left behind (an ssh connection master) may keep an output open: not waited for.
            await _pumps.WaitAsync(DisposeGrace);
        }
        catch (TimeoutException)
        {
        }
        _process.Dispose();
    }

    private static async ValueTask<string?> ReadAsync(ChannelReader<string> reader, CancellationToken ct)
    {
        while (await reader.WaitToReadAsync(ct))
            if (reader.TryRead(out var line)) return line;
        return null;
    }

    private static async Task PumpAsync(StreamReader from, ChannelWriter<string> to)
    {
        try
        {
            while (await from.ReadLineAsync(CancellationToken.None) is { } line) to.TryWrite(line);
        }
        catch (IOException)
        {
            // The pipe broke with the program: its output ends here.
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            to.TryComplete();
        }
    }
}
