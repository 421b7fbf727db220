using Lab.Core.Model;

namespace Lab.Core.BringUp;

/// <summary>
/// One of lab.yaml's own `setup:` steps (see <see cref="LabStep"/>): a script on some hosts, then a command polled until
/// it succeeds. Its key is its position, so progress lines and exported resource names stay stable.
/// </summary>
public sealed record LabSetupStep(LabStep Step, int Index) : BringUpStep
{
    public override string Key => $"setup-{Index + 1}";
    public override string Describe(Messages.Language language) => $"{string.Join(", ", Step.Hosts)}: {Step.Title}";
}
