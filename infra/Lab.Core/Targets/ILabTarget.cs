using Lab.Core.Instances;

namespace Lab.Core.Targets;

/// <summary>
/// Where a lab's hosts live. Every target (namespaces here, systemd machines, existing VMs over SSH, Azure) has the
/// same shape: it brings a lab up by running the one <see cref="BringUp.BringUpPlan"/> on its hosts, opens an existing
/// instance as <see cref="LabInstance"/> (so scenarios never know which target they run on), and removes only what it
/// made. The CLI looks targets up by name in a <see cref="TargetRegistry"/>.
/// </summary>
public interface ILabTarget
{
    /// <summary>The name used with --target and kept in the instance's record.</summary>
    string Name { get; }

    /// <summary>One line for --help: what a host is on this target and how it is driven.</summary>
    string Summary { get; }

    /// <summary>Creates the instance and brings the lab up; on failure removes what it made unless asked to keep it.</summary>
    Task<LabInstance> UpAsync(UpRequest request, Action<string> progress, CancellationToken ct);

    /// <summary>Opens an existing instance of this target.</summary>
    LabInstance Open(string instance);

    /// <summary>Removes the instance and everything this target made for it; safe to repeat.</summary>
    Task<DownReport> DownAsync(string instance, CancellationToken ct);

    /// <summary>True when the instance (even half made) belongs to this target.</summary>
    bool Owns(string instance);

    /// <summary>How each host of an open instance is reached, for `lab list` and `lab status`.</summary>
    IReadOnlyList<HostPlacement> Describe(LabInstance instance);
}

/// <summary>Where one host lives: its lab address and how the tool reaches it (a namespace, user@address via a proxy...).</summary>
public sealed record HostPlacement(string Host, string Address, string Reached);
