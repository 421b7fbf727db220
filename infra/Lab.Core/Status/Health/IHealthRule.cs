namespace Lab.Core.Status.Health;

/// <summary>One part of a lab's health rule, chosen by <see cref="LabHealth"/> from the lab's <see cref="StatusAspects"/>.</summary>
public interface IHealthRule
{
    /// <summary>What this part demands, for the line `lab status` ends with on a healthy lab.</summary>
    string Demands { get; }

    IEnumerable<HealthProblem> Check(LabStatus status, LabCommands commands);
}
