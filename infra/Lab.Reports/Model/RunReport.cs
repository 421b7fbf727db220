using Lab.Core.Messages;
using Lab.Core.Scenarios;

namespace Lab.Reports.Model;

/// <summary>
/// Everything the HTML report shows of one `lab run`, as plain data in the run's language (texts already chosen), so it
/// can be checked without any HTML. Times are from each scenario's start.
/// </summary>
public sealed record RunReport(string Lab, string LabTitle, string Instance, string Target, Language Language, DateTimeOffset Generated,
    Topology Topology, IReadOnlyList<ScenarioReport> Scenarios)
{
    public int Passed => Scenarios.Count(s => s.Outcome == ScenarioOutcome.Passed);
    public int Failed => Scenarios.Count(s => s.Outcome == ScenarioOutcome.Failed);
    public int NotRun => Scenarios.Count(s => s.Outcome == ScenarioOutcome.NotRun);
}

/// <summary>The lab's networks, hosts and virtual IP, with this instance's addresses.</summary>
public sealed record Topology(IReadOnlyList<TopologyNetwork> Networks, IReadOnlyList<TopologyHost> Hosts, string? Vip);

public sealed record TopologyNetwork(string Name, string Subnet);

public sealed record TopologyHost(string Name, string Role, IReadOnlyList<string> Services, IReadOnlyList<HostAddress> Addresses)
{
    /// <summary>A host that can take the virtual IP (keepalived, Pacemaker).</summary>
    public bool CanHoldVip { get; init; }
}

public sealed record HostAddress(string Network, string Address, string Device);

public enum ScenarioOutcome { Passed, Failed, NotRun }

/// <summary>One scenario: its stages and steps, every node's state over time, the client's writes and the checkers' verdicts.</summary>
public sealed record ScenarioReport(string Name, string Title, string Explain, ScenarioOutcome Outcome, TimeSpan Duration, string? Error,
    string? NotRunReason, IReadOnlyList<StageReport> Stages, IReadOnlyList<StateTrack> Tracks, WritesReport? Writes)
{
    /// <summary>The data-safety checkers' steps (acknowledged writes, lost updates, stale reads), in order.</summary>
    public IReadOnlyList<StepReport> Verdicts => Stages.SelectMany(s => s.Steps).Where(s => s.IsChecker).ToList();
}

/// <summary>A stage and its steps; <see cref="Reached"/> is false for a stage an earlier failure kept from running.</summary>
public sealed record StageReport(int Number, string Title, string Explain, IReadOnlyList<StepReport> Steps, bool IsCleanUp = false)
{
    public bool Reached => Steps.Count > 0;
    public TimeSpan Start => Steps.Count > 0 ? Steps.Min(s => s.Start) : TimeSpan.Zero;
    public TimeSpan End => Steps.Count > 0 ? Steps.Max(s => s.End) : TimeSpan.Zero;
}

/// <summary>
/// One step of the timeline: an action, or an expectation with how long it waited (<see cref="Duration"/>) out of
/// what it was allowed (<see cref="Within"/>).
/// </summary>
public sealed record StepReport(StepKind Kind, string Description, TimeSpan Start, TimeSpan Duration, bool Passed, string? Detail,
    TimeSpan? Within = null, bool IsChecker = false)
{
    public TimeSpan End => Start + Duration;
}

/// <summary>One row of the state chart: a node (or the virtual IP) and its states, back to back.</summary>
public sealed record StateTrack(string Name, bool IsVip, IReadOnlyList<StateSegment> Segments);

public sealed record StateSegment(TimeSpan From, TimeSpan To, NodeState State);

/// <summary>
/// The scenario's client writer: its span, counts, the longest time without an acknowledged write, the gaps of at least
/// <see cref="WritesReport.GapThreshold"/> between acknowledged writes, and when writes were refused or left in doubt.
/// </summary>
public sealed record WritesReport(string Through, TimeSpan From, TimeSpan To, int Ok, int Failed, int Unknown, TimeSpan Longest,
    IReadOnlyList<WriteGap> Gaps, IReadOnlyList<TimeSpan> NotAcknowledged)
{
    public static readonly TimeSpan GapThreshold = TimeSpan.FromSeconds(1);
}

public sealed record WriteGap(TimeSpan From, TimeSpan To)
{
    public TimeSpan Length => To - From;
}
