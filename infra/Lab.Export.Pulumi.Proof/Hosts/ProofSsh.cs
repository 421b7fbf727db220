using Lab.Core.Hosts;
using Lab.Instances;

namespace Lab.Export.Pulumi.Proof.Hosts;

/// <summary>
/// SSH as a command resource connects: the program's user and host, through its <c>proxy</c> jump host, with the
/// run's key, each host's key known beforehand. Started inside the lab's management namespace, the one place where the
/// jump host's "public" address (locally its lab address) is reachable: the machine's own namespace has no route in.
/// </summary>
public sealed class ProofSsh(string instance, string keyFile, string knownHosts)
{
    public string Instance => instance;

    public IReadOnlyList<string> Common =>
    [
        "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR",
        "-o", $"UserKnownHostsFile={knownHosts}", "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
        "-i", keyFile, "-o", "IdentitiesOnly=yes",
    ];

    /// <summary>The `ssh -W` through the jump host, as a ProxyCommand (what the provider's <c>proxy</c> and `ssh -J` do).</summary>
    public string JumpCommand(string user, string host, int port = 22) =>
        $"ssh {string.Join(' ', Common)} -W %h:%p -p {port} -l {user} {host}";

    public IReadOnlyList<string> Arguments(string user, string host, string? proxyUser, string? proxyHost, string command)
    {
        var args = new List<string> { $"--net={LocalLayout.NetnsPath(Lab.Hosts.Ssh.ManagementNamespace.Netns(instance))}", "ssh" };
        args.AddRange(Common);
        if (proxyHost is not null) args.AddRange(["-o", $"ProxyCommand={JumpCommand(proxyUser ?? user, proxyHost)}"]);
        args.AddRange(["-l", user, host, "--", command]);
        return args;
    }

    public Task<CommandResult> RunAsync(string user, string host, string? proxyUser, string? proxyHost, string command, string? stdin,
        TimeSpan timeout, CancellationToken ct) =>
        ProcessRunner.RunAsync("nsenter", Arguments(user, host, proxyUser, proxyHost, command), stdin ?? "", timeout, ct);
}
