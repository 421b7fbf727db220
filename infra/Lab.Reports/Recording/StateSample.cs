using Lab.Reports.Model;

namespace Lab.Reports.Recording;

/// <summary>One look at the lab during a scenario: when (from its start) and each row's state.</summary>
public sealed record StateSample(TimeSpan At, IReadOnlyDictionary<string, NodeState> States);
