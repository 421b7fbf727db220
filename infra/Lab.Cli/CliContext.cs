using Lab.Core.Loading;
using Lab.Targets.Local;
using Spectre.Console;

namespace Lab.Cli;

/// <summary>What every command needs: where output goes, the lab catalog and the local target.</summary>
public sealed class CliContext(IAnsiConsole console, Func<LabCatalog> catalog, LocalLayout layout)
{
    private LabCatalog? _catalog;

    public IAnsiConsole Console { get; } = console;
    public LabCatalog Catalog => _catalog ??= catalog();
    public LocalLayout Layout { get; } = layout;
    public LocalTarget Local => new(Catalog, Layout);

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

    public void Progress(TimeSpan elapsed, string message) =>
        Console.MarkupLineInterpolated($"[grey][[{elapsed.TotalSeconds,6:0.00}s]][/] {message}");
}

/// <summary>A user error the CLI reports as one line with a non-zero exit.</summary>
public sealed class CliException(string message) : Exception(message);
