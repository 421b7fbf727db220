namespace Lab.Bench;

/// <summary>What `lab bench` measures and how often.</summary>
/// <param name="Repeat">How many times up, baseline up and down are each measured.</param>
/// <param name="Instances">How many galera instances the density test brings up side by side.</param>
/// <param name="DensityParallel">How many of those instances are brought up at the same time.</param>
/// <param name="SkipUp">Leave out up vs baseline (e.g. to measure only density or only the scenarios).</param>
public sealed record BenchOptions(int Repeat = 3, int Instances = 10, int DensityParallel = BenchOptions.DefaultDensityParallel,
    bool SkipScenarios = false, bool SkipDensity = false, string Lab = "galera", int Vms = 0, bool SkipUp = false)
{
    /// <summary>Chosen by measurement on the 2-core machine, see docs/performance.md.</summary>
    public const int DefaultDensityParallel = 3;

    public BenchOptions Validate()
    {
        if (Repeat is < 1 or > 20) throw new Lab.Core.Errors.LabInputException($"--repeat must be between 1 and 20, got {Repeat}");
        if (Instances is < 1 or > 40) throw new Lab.Core.Errors.LabInputException($"--instances must be between 1 and 40, got {Instances}");
        if (Vms is < 0 or > 10) throw new Lab.Core.Errors.LabInputException($"--vm must be between 0 (none) and 10, got {Vms}");
        if (DensityParallel < 1) throw new Lab.Core.Errors.LabInputException($"--parallel must be at least 1, got {DensityParallel}");
        return this;
    }
}
