using Lab.Core.Errors;
using Lab.Core.Instances;

namespace Lab.Core.Targets;

/// <summary>The targets this build knows, by name; an instance is opened and removed through the target that owns it.</summary>
public sealed class TargetRegistry
{
    private readonly IReadOnlyList<ILabTarget> _targets;

    /// <param name="targets">The first one is the default (and owns instances no other target claims).</param>
    public TargetRegistry(IEnumerable<ILabTarget> targets)
    {
        _targets = targets.ToList();
        if (_targets.Count == 0) throw new ArgumentException("a registry needs at least one target");
        var duplicate = _targets.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"two targets are named '{duplicate.Key}'");
    }

    public ILabTarget Default => _targets[0];

    public IReadOnlyList<string> Names => _targets.Select(t => t.Name).ToList();

    public IReadOnlyList<ILabTarget> All => _targets;

    public ILabTarget Get(string name) =>
        _targets.FirstOrDefault(t => t.Name == name)
        ?? throw new LabInputException($"unknown target '{name}'; targets are: {string.Join(", ", Names)}");

    /// <summary>The target an existing (or half-made) instance belongs to.</summary>
    public ILabTarget Of(string instance) => _targets.Skip(1).FirstOrDefault(t => t.Owns(instance)) ?? Default;

    public LabInstance Open(string instance) => Of(instance).Open(instance);

    public Task<DownReport> DownAsync(string instance, CancellationToken ct) => Of(instance).DownAsync(instance, ct);
}
