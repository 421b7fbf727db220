using System.Collections.Concurrent;
using System.Text;
using Lab.Core.Loading;
using Lab.Core.Waits;
using Spectre.Console;

namespace Lab.Cli.Tests.Support;

/// <summary>Lines typed to a program, as a pipe gives them: ReadLine blocks until one is typed, and returns null once input is closed.</summary>
public sealed class TypedInput : TextReader
{
    private readonly BlockingCollection<string> _lines = new();

    public void Type(string line) => _lines.Add(line);

    public void End() => _lines.CompleteAdding();

    public override string? ReadLine()
    {
        try { return _lines.Take(); }
        catch (InvalidOperationException) { return null; } // closed and empty
    }
}

/// <summary>A writer that can be read while another thread writes to it: what a terminal shows so far.</summary>
public sealed class LiveOutput : TextWriter
{
    private readonly StringBuilder _text = new();
    public override Encoding Encoding => Encoding.UTF8;
    public override void Write(char value) { lock (_text) _text.Append(value); }
    public override void Write(string? value) { lock (_text) _text.Append(value); }
    public string Text { get { lock (_text) return _text.ToString().ReplaceLineEndings("\n"); } }
}

/// <summary>
/// `lab guide ...` running in-process on a plain console, with its standard input typed by the test and its output read
/// as it comes; the student's commands go through `lab shell HOST -- sh -c '...'` like a second terminal.
/// </summary>
public sealed class GuideSession : IAsyncDisposable
{
    private readonly CliRunner _cli;
    private readonly TypedInput _input = new();
    private readonly LiveOutput _output = new();
    private readonly string _instance;

    public Task<int> Exit { get; }

    private GuideSession(CliRunner cli, string instance, string[] args)
    {
        (_cli, _instance) = (cli, instance);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        Exit = Task.Run(() => LabApp.RunAsync(["guide", .. args, "--instance", instance], console, cli.Layout, () => new LabCatalog(cli.CatalogRoot), input: _input));
    }

    public static GuideSession Start(CliRunner cli, string instance, params string[] args) => new(cli, instance, args);

    public string Output => _output.Text;

    public void Type(string line) => _input.Type(line);

    /// <summary>Waits until the output holds <paramref name="text"/> at least <paramref name="times"/> times; fails with the output so far.</summary>
    public async Task WaitForAsync(string text, int times = 1, double seconds = 90)
    {
        try
        {
            await Until.Real.HoldsAsync($"'{text}' in the guide's output", ct =>
            {
                if (Exit.IsCompleted && Count(text) < times) throw new InvalidOperationException($"the guide ended ({Exit.Result})");
                return Task.FromResult(new ProbeResult(Count(text) >= times, "not yet"));
            }, new WaitPolicy(TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(100)), CancellationToken.None);
        }
        catch (WaitTimeoutException e)
        {
            Assert.Fail($"{e.Message}\n--- the guide's output so far ---\n{Output}");
        }
    }

    public int Count(string text)
    {
        var output = Output;
        var n = 0;
        for (var at = output.IndexOf(text, StringComparison.Ordinal); at >= 0; at = output.IndexOf(text, at + text.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>What a student types in `lab shell HOST`: the command runs inside the host and must succeed.</summary>
    public Task ShellAsync(string host, string command) => new GuideSessionShell(_cli, _instance).RunAsync(host, command);

    /// <summary>Waits for the guide to end (after q, or completed) and returns its exit code.</summary>
    public async Task<int> EndAsync(double seconds = 60)
    {
        var ended = await Task.WhenAny(Exit, Task.Delay(TimeSpan.FromSeconds(seconds)));
        Assert.True(ended == Exit, $"the guide did not end within {seconds}s:\n{Output}");
        return await Exit;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Exit.IsCompleted) _input.Type("q");
        _input.End(); // frees the guide's input thread
        await Task.WhenAny(Exit, Task.Delay(TimeSpan.FromSeconds(30)));
    }
}

/// <summary>The student's second terminal: `lab shell HOST --instance NAME -- sh -c 'COMMAND'`, which must succeed.</summary>
public sealed class GuideSessionShell(CliRunner cli, string instance)
{
    public async Task RunAsync(string host, string command)
    {
        var (exit, output) = await cli.RunAsync("shell", host, "--instance", instance, "--", "sh", "-c", command);
        Assert.True(exit == 0, $"lab shell {host} -- sh -c '{command}' exited {exit}:\n{output}");
    }
}
