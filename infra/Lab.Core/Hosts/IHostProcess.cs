namespace Lab.Core.Hosts;

/// <summary>
/// A program started on a host that keeps running while the caller talks to it through its standard input and reads
/// its output line by line: how a SQL session keeps one `mariadb` client, and so one server connection, across a
/// scenario's stages. Disposing it ends the program if it still runs.
/// </summary>
public interface IHostProcess : IAsyncDisposable
{
    /// <summary>Writes <paramref name="text"/> to the program's standard input and flushes it.</summary>
    Task WriteAsync(string text, CancellationToken ct = default);

    /// <summary>Closes standard input: the program reads end of input once it has read what was written before.</summary>
    void CloseInput();

    /// <summary>The next line the program wrote to standard output, or null once that output ended.</summary>
    ValueTask<string?> ReadOutputLineAsync(CancellationToken ct = default);

    /// <summary>The next line the program wrote to standard error, or null once that output ended.</summary>
    ValueTask<string?> ReadErrorLineAsync(CancellationToken ct = default);

    bool HasExited { get; }

    /// <summary>True when the program ended within <paramref name="timeout"/>.</summary>
    Task<bool> WaitForExitAsync(TimeSpan timeout, CancellationToken ct = default);

    /// <summary>Ends the program at once, with what it started on this machine (nsenter, ssh and their children).</summary>
    void Kill();
}
