using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Targets.Local;
using Lab.Targets.Ssh;
using Lab.Targets.Ssh.Azure;
using Lab.Targets.Ssh.Machines;
using Spectre.Console;

namespace Lab.Cli;

/// <summary>What every command needs: where output goes, the lab catalog and the local target.</summary>
public sealed class CliContext(IAnsiConsole console, Func<LabCatalog> catalog, LocalLayout layout)
{
    private LabCatalog? _catalog;

    public IAnsiConsole Console { get; } = console;

    /// <summary>
    /// True in the real `lab` process: programs it runs (`lab shell HOST -- ...`) write straight to its standard output,
    /// which may be a terminal. False in-process (tests): their output goes through <see cref="Console"/> to be read.
    /// </summary>
    public bool ChildrenShareStdout { get; init; }

    /// <summary>Where a program run for `lab shell HOST -- ...` writes: null for the tool's own standard output.</summary>
    public TextWriter? ChildOutput => ChildrenShareStdout ? null : Console.Profile.Out.Writer;
    public LabCatalog Catalog => _catalog ??= catalog();
    public LocalLayout Layout { get; } = layout;
    public LocalTarget Local => new(Catalog, Layout);
    public SshTarget Ssh => new(Catalog, Layout);
    public MachinesTarget Machines => new(Catalog, Layout);
    public AzureTarget Azure => new(Catalog, Layout);

    /// <summary>An existing instance, opened through the target it lives on (local, machines or ssh).</summary>
    public LabInstance Open(string instance) =>
        TargetRecord.TryLoad(Layout, instance) is not null ? Ssh.Open(instance) : Local.Open(instance);

    /// <summary>The target an instance lives on: local unless its record says otherwise.</summary>
    public string TargetOf(string instance) => TargetRecord.TryLoad(Layout, instance)?.Target ?? LocalTarget.Name;

    /// <summary>Brings a lab up on the chosen target; --inventory belongs to the ssh target only.</summary>
    public Task<LabInstance> UpAsync(string target, Lab.Core.Model.LabDefinition lab, string instance, string? inventory, UpOptions options,
        Action<string> progress, CancellationToken ct)
    {
        if (target != SshTarget.Name && inventory is not null)
            throw new CliException($"--inventory is for --target ssh (the {target} target creates its own hosts)");
        return target switch
        {
            SshTarget.Name => Ssh.UpAsync(lab, instance, inventory ?? throw new CliException("--target ssh needs --inventory FILE: each host's address, user, port, key"),
                options.KeepOnFailure, progress, ct),
            MachinesTarget.Name => Machines.UpAsync(lab, instance, options.KeepOnFailure, progress, ct),
            AzureTarget.Name => Azure.UpAsync(lab, instance, progress, ct),
            _ => Local.UpAsync(lab, instance, options, progress, ct),
        };
    }

    public Task<Reaper.Report> DownAsync(string instance, CancellationToken ct) =>
        Machines.Owns(instance) ? Machines.DownAsync(instance, ct)
        : TargetOf(instance) == AzureTarget.Name ? Azure.DownAsync(instance, ct)
        : TargetOf(instance) == SshTarget.Name ? Ssh.DownAsync(instance, ct)
        : Local.DownAsync(instance, ct);

    /// <summary>The instance a command acts on: the one named, else the only one that exists.</summary>
    public string ResolveInstance(string? named)
    {
        if (!string.IsNullOrEmpty(named)) return named;
        var existing = Reaper.ExistingInstances(Layout);
        return existing.Count switch
        {
            1 => existing[0],
            0 => throw new CliException("no lab instance is up; start one with `lab up galera`"),
            _ => throw new CliException($"several instances are up ({string.Join(", ", existing)}); choose one with --instance NAME"),
        };
    }

    /// <summary>Like <see cref="ResolveInstance"/> but null when nothing exists (for idempotent `down`).</summary>
    public string? ResolveInstanceOrNone() => Reaper.ExistingInstances(Layout).Count == 0 ? null : ResolveInstance(null);

    /// <summary>A step of a long command, after its time since start; <paramref name="message"/> is plain text, shown as it is.</summary>
    public void Progress(TimeSpan elapsed, string message) =>
        Console.MarkupLineInterpolated($"[grey][[{elapsed.TotalSeconds,6:0.00}s]][/] {message}");

    /// <summary>Like <see cref="Progress"/>, in green: the command reached what it was asked for.</summary>
    public void Success(TimeSpan elapsed, string message) =>
        Console.MarkupLineInterpolated($"[grey][[{elapsed.TotalSeconds,6:0.00}s]][/] [green]{message}[/]");

    /// <summary>Plain text in yellow: something the user should look at, though the command carried on.</summary>
    public void Warning(string message) => Console.MarkupLineInterpolated($"[yellow]{message}[/]");
}

/// <summary>A user error the CLI reports as one line with a non-zero exit.</summary>
public sealed class CliException(string message) : Exception(message);
