using Lab.Core.Workload;

namespace Lab.Core.Scenarios;

/// <summary>The data-safety workloads of one scenario run, and their reports once taken.</summary>
public sealed class SafetyWorkloads
{
    public IncrementWorkload? Increments { get; set; }
    public IncrementReport? IncrementReport { get; set; }
    public StaleReadWorkload? StaleReads { get; set; }
    public StaleReadReport? StaleReadReport { get; set; }
}
