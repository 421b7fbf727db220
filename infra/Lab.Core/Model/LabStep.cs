namespace Lab.Core.Model;

/// <summary>
/// One lab-specific step of lab.yaml's `setup:` (after the hosts are prepared, before the services start) or
/// `restore:` (between scenarios): a shell script run as root on each host of <see cref="Hosts"/> at once, then a
/// command polled on each until it succeeds. This is how a lab spells out its own procedure (the seed's `drbdadm
/// create-md`, `crm configure load update`) as data, visible to students, instead of C# that knows about DRBD.
/// </summary>
/// <param name="Run">Run once per host with `sh -e`; null when the step only waits.</param>
/// <param name="Until">Polled per host until it exits 0, at most <see cref="Within"/> (stretched by the instance's pace); null when the step does not wait.</param>
/// <param name="File">lab.yaml, for errors.</param>
/// <param name="Line">The step's line in lab.yaml, for errors.</param>
public sealed record LabStep(string Title, IReadOnlyList<string> Hosts, string? Run, string? Until, TimeSpan Within, string File, int Line)
{
    public static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(60);

    /// <summary>Where the step is written, e.g. labs/ha-drbd/lab.yaml:52.</summary>
    public string Where => $"{File}:{Line}";
}
