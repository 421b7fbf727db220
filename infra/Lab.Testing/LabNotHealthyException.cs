using Lab.Core.Status.Health;

namespace Lab.Testing;

/// <summary>A lab or host that did not become healthy in time, with what the lab's health rule still finds wrong.</summary>
public sealed class LabNotHealthyException(string message, IReadOnlyList<HealthProblem> problems)
    : Lab.Core.Errors.LabException(message + (problems.Count == 0 ? "" : ": " + string.Join("; ", problems.Select(p => $"{p.Host}: {p.What}"))))
{
    public IReadOnlyList<HealthProblem> Problems { get; } = problems;
}
