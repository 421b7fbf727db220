namespace Lab.Export.Pulumi.Proof;

/// <summary>Seconds per phase of a payload proof: machines booted to sshd, cloud-init done everywhere, the commands.</summary>
public sealed record ProofTimes(double Boot, double CloudInit, double Commands, IReadOnlyList<(string Step, double Seconds)> Steps)
{
    public override string ToString() => $"boot {Boot:0.0}s, cloud-init {CloudInit:0.0}s, commands {Commands:0.0}s ({Steps.Count} steps)";
}
