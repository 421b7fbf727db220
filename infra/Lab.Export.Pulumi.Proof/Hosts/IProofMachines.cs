using Lab.Core.Instances;
using Lab.Core.Model;
using Lab.Core.Targets;
using Lab.Core.Waits;

namespace Lab.Export.Pulumi.Proof.Hosts;

/// <summary>
/// What stands in for the program's Azure VMs here: systemd machines when the lab needs no kernel of its own, QEMU VMs
/// when it does (DRBD). Each is prepared with its identity and its VM's NoCloud seed before its first boot; the proof
/// does the rest (cloud-init, the commands, the scenarios) the same way on both.
/// </summary>
public interface IProofMachines
{
    /// <summary>The target the instance is recorded as, so `lab down` removes what the proof made.</summary>
    string Target { get; }

    /// <summary>How much slower than native the hosts run, for the scenarios' waits.</summary>
    double Pace { get; }

    /// <summary>How long a host may take from start until its sshd lets the admin user in.</summary>
    WaitPolicy Boot(int hosts);

    /// <summary>The image (with cloud-init) the machines boot, built when missing.</summary>
    Task PrepareImageAsync(Action<string> progress, CancellationToken ct);

    /// <summary>The lab's private network as the machines need it.</summary>
    Task CreateNetworkAsync(string instance, LabDefinition lab, CancellationToken ct);

    /// <param name="seed">Writes the NoCloud seed under the directory given, which the machine sees as its /.</param>
    /// <returns>The known_hosts line for the machine's new host key.</returns>
    Task<string> PrepareAsync(string instance, LabDefinition lab, HostDefinition host, Action<string> seed, CancellationToken ct);

    Task StartAsync(string instance, LabDefinition lab, HostDefinition host, CancellationToken ct);

    /// <summary>Tried after each failed first dial: says what it repaired, or null.</summary>
    Func<CancellationToken, Task<string?>>? Repair(string instance, HostDefinition host);

    /// <summary>The proved lab with what the target adds (a VM's power switch).</summary>
    LabInstance Attach(LabInstance lab);

    Task<DownReport> DownAsync(string instance, CancellationToken ct);
}
