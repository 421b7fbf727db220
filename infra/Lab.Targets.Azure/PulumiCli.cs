using Lab.Core.Hosts;
using Lab.Instances;

namespace Lab.Targets.Azure;

/// <summary>The user's Pulumi CLI, run in a lab's folder (labs/&lt;lab&gt;, where Pulumi.yaml lives) on one stack.</summary>
public sealed class PulumiCli(string executable, string projectDir, string stack)
{
    public const string InstallHint =
        "the azure target runs `pulumi up` and the Pulumi CLI is not installed here: install it (https://www.pulumi.com/docs/install/, " +
        "e.g. `curl -fsSL https://get.pulumi.com | sh`), run `pulumi login`, set the stack's config as docs/azure.md shows " +
        "(pulumi config set adminCidr, sshPublicKey, and sshPrivateKey with --secret; optionally location, vmSize, adminUser: " +
        "the program's own keys, not azure-native:location), then run this again; nothing was created";

    /// <summary>`pulumi` from PATH, or null.</summary>
    public static string? Locate(string? path = null) =>
        (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "pulumi")).FirstOrDefault(File.Exists);

    public Task<CommandResult> SelectStackAsync(CancellationToken ct) => RunAsync(["stack", "select", "--create", stack], TimeSpan.FromMinutes(2), ct);

    /// <summary>`pulumi up`, its output streamed line by line (it runs for minutes).</summary>
    public Task<CommandResult> UpAsync(Action<string> progress, CancellationToken ct) => RunAsync(["up", "--yes", "--skip-preview", "--stack", stack], TimeSpan.FromMinutes(45), ct, progress);

    public Task<CommandResult> OutputsAsync(CancellationToken ct) => RunAsync(["stack", "output", "--json", "--stack", stack], TimeSpan.FromMinutes(2), ct);

    public Task<CommandResult> DestroyAsync(Action<string> progress, CancellationToken ct) => RunAsync(["destroy", "--yes", "--skip-preview", "--stack", stack], TimeSpan.FromMinutes(45), ct, progress);

    private Task<CommandResult> RunAsync(string[] args, TimeSpan timeout, CancellationToken ct, Action<string>? onLine = null) =>
        ProcessRunner.RunAsync(executable, [.. args, "--cwd", projectDir, "--non-interactive"], timeout: timeout, ct: ct,
            onLine: onLine is null ? null : line => onLine($"pulumi: {line}"));
}
