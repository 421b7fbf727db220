namespace Lab.Bench;

/// <summary>
/// Whether a bench run may exit 0: every target it checked was met and every `up` it attempted succeeded. A target
/// whose section did not run (null in <see cref="TargetChecks"/>) is neither met nor missed.
/// </summary>
public sealed record BenchVerdict(IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>0 when passed; 1 otherwise, so a CI job or a script running `lab bench` sees the miss.</summary>
    public int ExitCode => Passed ? 0 : 1;

    public static BenchVerdict Of(BenchReport report)
    {
        var problems = new List<string>();
        var t = report.Targets;
        if (t.UpWithin5s == false) problems.Add($"target missed: up ≤ 5 s (median {report.Up?.UpSeconds?.Median:0.00} s)");
        if (t.UpAtLeast3xFasterThanBaseline == false) problems.Add($"target missed: baseline ≥ 3× up (ratio {report.Up?.BaselineRatio:0.0})");
        if (t.ScenarioSuiteWithin90s == false)
            problems.Add($"target missed: scenario suite passing in ≤ 90 s ({report.Scenarios?.ScenarioSeconds:0.0} s, " +
                         $"{report.Scenarios?.Scenarios.Count(s => s.Failed)} failed)");
        if (t.AllDensityInstancesSynced == false)
            problems.Add($"target missed: all density instances Synced ({report.Density?.Instances} asked, {report.Density?.Failed.Count} failed)");
        if (t.OneVmUpWithinGoal == false) problems.Add($"target missed: one VM up within {(report.Vm!.Acceleration.StartsWith("KVM", StringComparison.Ordinal) ? 5 : 30)} s (took {report.Vm.UpSeconds:0.0} s under {report.Vm.Acceleration})");
        if (t.RssPerNodeAtMost64Mib == false)
            problems.Add($"target missed: RSS per mariadbd ≤ {TargetChecks.RssPerMariadbdGoalMib:0} MiB (max {report.Density?.RssMibPerMariadbd?.Max:0.0} MiB)");
        foreach (var failure in report.Up?.Failures ?? []) problems.Add($"up failed: {failure}");
        foreach (var scenario in report.Scenarios?.Scenarios.Where(s => s.Failed) ?? [])
            problems.Add($"scenario {scenario.Name} failed" + (scenario.Error is { } e ? $": {e.Split('\n')[0]}" : ""));
        foreach (var failure in report.Density?.Failed ?? []) problems.Add($"density up failed: {failure}");
        return new BenchVerdict(problems);
    }
}
