using Lab.Core.Hosts;
using Lab.Targets.Local;

namespace Lab.Targets.Ssh.Azure;

/// <summary>The user's Pulumi CLI, run in a lab's folder (labs/&lt;lab&gt;, where Pulumi.yaml lives) on one stack.</summary>
public sealed class PulumiCli(string executable, string projectDir, string stack)
{
    public const string InstallHint =
        "the azure target runs `pulumi up` and the Pulumi CLI is not installed here: install it (https://www.pulumi.com/docs/install/, " +
        "e.g. `curl -fsSL https://get.pulumi.com | sh`), run `pulumi login`, set the stack's config as docs/azure.md shows " +
        "(adminCidr, sshPublicKey, sshPrivateKey, azure-native:location), then run this again; nothing was created";

    /// <summary>`pulumi` from PATH, or null.</summary>
    public static string? Locate(string? path = null) =>
        (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "pulumi")).FirstOrDefault(File.Exists);

    public Task<CommandResult> SelectStackAsync(CancellationToken ct) => RunAsync(["stack", "select", "--create", stack], TimeSpan.FromMinutes(2), ct);

    public Task<CommandResult> UpAsync(CancellationToken ct) => RunAsync(["up", "--yes", "--skip-preview", "--stack", stack], TimeSpan.FromMinutes(45), ct);

    public Task<CommandResult> OutputsAsync(CancellationToken ct) => RunAsync(["stack", "output", "--json", "--stack", stack], TimeSpan.FromMinutes(2), ct);

    public Task<CommandResult> DestroyAsync(CancellationToken ct) => RunAsync(["destroy", "--yes", "--skip-preview", "--stack", stack], TimeSpan.FromMinutes(45), ct);

    private Task<CommandResult> RunAsync(string[] args, TimeSpan timeout, CancellationToken ct) =>
        ProcessRunner.RunAsync(executable, [.. args, "--cwd", projectDir, "--non-interactive"], timeout: timeout, ct: ct);
}
