namespace Lab.Bench;

/// <summary>Everything one `lab bench` run measured; written as JSON with snake_case names (see <see cref="BenchJson"/>).</summary>
public sealed record BenchReport(
    DateTimeOffset StartedUtc,
    double TotalSeconds,
    MachineInfo Machine,
    UpReport? Up,
    ScenarioSuiteReport? Scenarios,
    DensityReport? Density,
    TargetChecks Targets,
    IReadOnlyList<string> Notes,
    VmReport? Vm = null);

/// <summary>
/// Bare VMs on the vm target (`lab bench --vm N`): nothing → all answering SSH (up), QEMU start → sshd answering
/// (boot), down, and QEMU's resident memory per VM (guest memory actually touched plus QEMU itself).
/// </summary>
public sealed record VmReport(string Acceleration, int Vms, double UpSeconds, double BootSeconds, double DownSeconds,
    SampleStats? QemuRssMib, IReadOnlyList<string> Timeline);

/// <summary>The machine the numbers came from.</summary>
public sealed record MachineInfo(int Cores, long MemoryMib, string Kernel, string MariadbVersion, string? GaleraVersion, string? WsrepProviderVersion);

/// <summary>
/// `lab up` (shared initial state) against the seeds' manual procedure (bootstrap, then one SST join at a time),
/// measured alternately in the same run, plus `lab down`.
/// </summary>
/// <param name="UpTimeline">The last up's own progress lines (each ends with its time since start): where the seconds went.</param>
public sealed record UpReport(int Repeat, SampleStats? UpSeconds, SampleStats? BaselineUpSeconds, double? BaselineRatio,
    SampleStats? DownSeconds, IReadOnlyList<string> Failures, IReadOnlyList<string> UpTimeline, IReadOnlyList<string> BaselineTimeline);

public sealed record ScenarioSuiteReport(string Instance, double UpSeconds, double TotalSeconds, double ScenarioSeconds,
    double RestoreSeconds, IReadOnlyList<ScenarioTiming> Scenarios)
{
    /// <summary>Counted here so the JSON says at a glance whether the suite passed (each scenario also says it).</summary>
    public int PassedCount => Scenarios.Count(s => s.Passed);
    public int FailedCount => Scenarios.Count(s => s.Failed);
    public int NotRunCount => Scenarios.Count(s => s.NotRun is not null);
}

/// <summary>
/// One scenario: its wall time split into polling expectations (waiting on the database), carrying out actions, and
/// the rest (the tool between steps); restore is the health restore before it, not counted in its seconds.
/// <see cref="NotRun"/> says why a scenario this machine cannot run (e.g. it needs netem) was not run: neither passed nor failed.
/// </summary>
public sealed record ScenarioTiming(string Name, bool Passed, double Seconds, double WaitingOnDatabaseSeconds, double ActionsSeconds,
    double OtherSeconds, double RestoreSeconds, double? LongestInterruptionSeconds, string? Error, string? NotRun = null)
{
    public bool Failed => !Passed && NotRun is null;
}

/// <summary>K instances side by side: how long until all were Synced and routing, and what they cost in memory.</summary>
/// <param name="RssMibPerMariadbd">VmRSS, what the target is judged on (it counts the shared program pages in every node).</param>
/// <param name="RssAnonMibPerMariadbd">Each node's own memory, without the program and library pages.</param>
/// <param name="PssMibPerMariadbd">Each node's share of everything it maps: summed, what the nodes together take.</param>
public sealed record DensityReport(int Instances, string Mode, int Parallel, double AllSyncedSeconds, bool AllSynced,
    IReadOnlyList<string> Failed, SampleStats? InstanceUpSeconds, SampleStats? RssMibPerMariadbd, double TotalRssMib,
    double MemAvailableDropMib, double DownSeconds, IReadOnlyList<NodeMemory> Nodes,
    SampleStats? RssAnonMibPerMariadbd = null, SampleStats? PssMibPerMariadbd = null, AioUsage? Aio = null);

public sealed record NodeMemory(string Instance, string Host, int Pid, double RssMib, double? RssAnonMib = null, double? RssFileMib = null,
    double? PssMib = null);

/// <summary>DESIGN §5 targets, each true, false, or null when its section did not run.</summary>
/// <param name="OneVmUpWithinGoal">One bare VM up within 30 s under emulation, 5 s under KVM (issue 11's goal).</param>
public sealed record TargetChecks(bool? UpWithin5s, bool? UpAtLeast3xFasterThanBaseline, bool? ScenarioSuiteWithin90s,
    bool? AllDensityInstancesSynced, bool? RssPerNodeAtMost64Mib, bool? OneVmUpWithinGoal = null)
{
    /// <summary>Issue 13: 30 galera instances (90 mariadbd) on one 2-core / 24 GB machine, each mariadbd at most this VmRSS.</summary>
    public const double RssPerMariadbdGoalMib = 64.0;

    public static TargetChecks From(UpReport? up, ScenarioSuiteReport? scenarios, DensityReport? density, int densityTarget, VmReport? vm = null) => new(
        up?.UpSeconds is { } u ? u.Median <= 5.0 : null,
        up?.BaselineRatio is { } r ? r >= 3.0 : null,
        scenarios is null ? null : scenarios.ScenarioSeconds <= 90.0 && !scenarios.Scenarios.Any(s => s.Failed),
        density is null ? null : density.AllSynced && density.Instances >= densityTarget,
        density?.RssMibPerMariadbd is { } rss ? rss.Max <= RssPerMariadbdGoalMib : null,
        vm is { Vms: 1 } one ? one.UpSeconds <= (one.Acceleration.StartsWith("KVM", StringComparison.Ordinal) ? 5.0 : 30.0) : null);
}
