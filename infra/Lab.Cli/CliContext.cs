using Lab.Core.Errors;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Targets;
using Lab.Instances;
using Lab.Instances.Class;
using Lab.Targets.Azure;
using Lab.Targets.Local;
using Lab.Targets.Machines;
using Lab.Hosts.Vm;
using Lab.Targets.Vm;
using Lab.Targets.Ssh;
using Spectre.Console;

namespace Lab.Cli;

/// <summary>What every command needs: where output goes, the lab catalog, the state layout and the targets by name.</summary>
public sealed class CliContext(IAnsiConsole console, Func<LabCatalog> catalog, LocalLayout layout)
{
    private TargetRegistry? _targets;
    private IAnsiConsole? _errorConsole;
    private bool _progressOnError;

    public IAnsiConsole Console { get; } = console;

    /// <summary>
    /// True in the real `lab` process: programs it runs (`lab shell HOST -- ...`) write straight to its standard output,
    /// which may be a terminal. False in-process (tests): their output goes through <see cref="Console"/> to be read.
    /// </summary>
    public bool ChildrenShareStdout { get; init; }

    /// <summary>
    /// Where output that belongs on standard error goes (`lab sql`'s client errors), kept apart from <see cref="Console"/>
    /// so scripts can tell them from results. In-process callers that give none see both in one stream, as a terminal would.
    /// </summary>
    public TextWriter Error { get; init; } = console.Profile.Out.Writer;

    /// <summary>
    /// <see cref="Error"/> as a console: errors, and progress once <see cref="ProgressOnError"/> was called. With no
    /// separate error writer it is <see cref="Console"/> itself.
    /// </summary>
    public IAnsiConsole ErrorConsole => _errorConsole ??= ReferenceEquals(Error, Console.Profile.Out.Writer) ? Console : ConsoleOn(Error);

    /// <summary>
    /// Sends progress, success and warning lines to standard error from now on, so standard output carries only what
    /// the command prints for programs (`--json`: a CI job pipes it to jq).
    /// </summary>
    public void ProgressOnError() => _progressOnError = true;

    private IAnsiConsole ProgressConsole => _progressOnError ? ErrorConsole : Console;

    /// <summary>A console on standard error: colours only when that is a terminal, else plain lines as wide as the output's.</summary>
    private IAnsiConsole ConsoleOn(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, System.Console.Error) && !System.Console.IsErrorRedirected;
        var console = terminal
            ? AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) })
            : AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            });
        if (!terminal) console.Profile.Width = Console.Profile.Width;
        return console;
    }

    /// <summary>
    /// True when the tool's standard input and output are both a terminal: `mariadb` then prints boxed tables, and
    /// `lab sql` asks the host's client for them, since that client itself only ever sees pipes.
    /// </summary>
    public bool Terminal { get; init; }

    /// <summary>Where `lab guide` reads the student's keys, one line each: the tool's standard input, or a test's pipe.</summary>
    public TextReader Input { get; init; } = System.Console.In;

    /// <summary>Where a program run for `lab shell HOST -- ...` writes: null for the tool's own standard output.</summary>
    public TextWriter? ChildOutput => ChildrenShareStdout ? null : Console.Profile.Out.Writer;
    public LabCatalog Catalog { get; } = LabCatalog.Deferred(catalog);
    public LocalLayout Layout { get; } = layout;

    /// <summary>Every target this build has; local first (the default).</summary>
    public TargetRegistry Targets => _targets ??= new TargetRegistry(
    [
        new LocalTarget(Catalog, Layout), new MachinesTarget(Catalog, Layout), new VmTarget(Catalog, Layout), new SshTarget(Catalog, Layout), new AzureTarget(Catalog, Layout),
    ]);

    public LocalTarget Local => (LocalTarget)Targets.Get(LocalTarget.TargetName);

    /// <summary>An existing instance, opened through the target it lives on.</summary>
    public LabInstance Open(string instance) => Targets.Open(RequireOwn(instance));

    /// <summary>The target an instance lives on.</summary>
    public string TargetOf(string instance) => Targets.Of(RequireOwn(instance)).Name;

    /// <summary>The target an instance lives on, itself.</summary>
    public ILabTarget TargetFor(string instance) => Targets.Of(RequireOwn(instance));

    public Task<LabInstance> UpAsync(string target, UpRequest request, Action<string> progress, CancellationToken ct) =>
        Targets.Get(target).UpAsync(request with { Instance = RequireOwn(request.Instance) }, progress, ct);

    public Task<DownReport> DownAsync(string instance, CancellationToken ct) => Targets.DownAsync(RequireOwn(instance), ct);

    /// <summary>
    /// The last line of class mode: whatever a command resolved, a student's commands reach no instance but their own
    /// (<see cref="Class.StudentGuard"/> refuses most attempts earlier, from the command line alone).
    /// </summary>
    private string RequireOwn(string instance)
    {
        if (Student is not { } seat || instance == seat.Seat.Instance) return instance;
        var reason = $"instance '{instance}' is not yours; {seat.Seat.User}'s instance is '{seat.Seat.Instance}'";
        AccessLog.Refused(Layout, Caller, $"(instance {instance})", reason);
        throw new NotAllowedException(reason);
    }

    public IReadOnlyList<string> ExistingInstances() => Reaper.ExistingInstances(Layout);

    /// <summary>Who runs this command: root, or an account that came in through sudo.</summary>
    public Caller Caller { get; init; } = Caller.Current();

    private StudentSeat? _student;
    private bool _studentLooked;

    /// <summary>The caller's seat when they are a student of a class on this machine (through sudo): their commands act on their own instance only.</summary>
    public StudentSeat? Student
    {
        get
        {
            if (!_studentLooked) (_student, _studentLooked) = (Caller.ThroughSudo ? ClassRecord.SeatOf(Layout, Caller.User) : null, true);
            return _student;
        }
    }

    /// <summary>The instance `up` and `run` make or use when none is named: the lab's name, or a student's own instance.</summary>
    public string DefaultInstance(string? named, string labName) => named ?? Student?.Seat.Instance ?? labName;

    /// <summary>The instance a command acts on: the one named, else a student's own, else the only one that exists.</summary>
    public string ResolveInstance(string? named)
    {
        if (!string.IsNullOrEmpty(named)) return named;
        if (Student is { } seat) return seat.Seat.Instance;
        var existing = ExistingInstances();
        return existing.Count switch
        {
            1 => existing[0],
            0 => throw new LabInputException("no lab instance is up; start one with `lab up galera`"),
            _ => throw new LabInputException($"several instances are up ({string.Join(", ", existing)}); choose one with --instance NAME"),
        };
    }

    /// <summary>Like <see cref="ResolveInstance"/> but null when nothing exists (for idempotent `down`).</summary>
    public string? ResolveInstanceOrNone() => Student is { } seat ? seat.Seat.Instance : ExistingInstances().Count == 0 ? null : ResolveInstance(null);

    /// <summary>
    /// A step of a long command, after its time since start; <paramref name="message"/> is plain text, shown as it is,
    /// wrapped under its own start on a narrow terminal (the time stays alone in its column).
    /// </summary>
    public void Progress(TimeSpan elapsed, string message)
    {
        const int indent = 10; // "[  1.10s] "
        var console = ProgressConsole;
        var lines = Views.TerminalLines.Wrap(message, Math.Max(20, console.Profile.Width - indent), Math.Max(20, console.Profile.Width - indent));
        console.MarkupLineInterpolated($"[grey][[{elapsed.TotalSeconds,6:0.00}s]][/] {lines[0]}");
        foreach (var line in lines.Skip(1)) console.MarkupLineInterpolated($"{new string(' ', indent)}{line}");
    }

    /// <summary>Like <see cref="Progress"/>, in green: the command reached what it was asked for.</summary>
    public void Success(TimeSpan elapsed, string message) =>
        ProgressConsole.MarkupLineInterpolated($"[grey][[{elapsed.TotalSeconds,6:0.00}s]][/] [green]{message}[/]");

    /// <summary>Plain text in yellow: something the user should look at, though the command carried on.</summary>
    public void Warning(string message) => ProgressConsole.MarkupLineInterpolated($"[yellow]{message}[/]");
}

/// <summary>A user error the CLI reports as one line with a non-zero exit.</summary>
public sealed class CliException(string message) : LabException(message);
