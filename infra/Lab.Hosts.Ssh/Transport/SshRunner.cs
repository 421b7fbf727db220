using Lab.Core.Hosts;
using Lab.Instances;
using Lab.Hosts.Ssh.Inventory;

namespace Lab.Hosts.Ssh.Transport;

/// <summary>Runs shell scripts on inventory hosts with the system OpenSSH client; ssh's own failures become <see cref="SshException"/>.</summary>
public sealed class SshRunner(SshArguments arguments)
{
    public SshArguments Arguments => arguments;

    public async Task<CommandResult> RunAsync(InventoryHost host, string script, string? stdin, TimeSpan timeout, CancellationToken ct)
    {
        Directory.CreateDirectory(arguments.ControlDir);
        var result = await ProcessRunner.RunAsync("ssh", [.. arguments.For(host), SshArguments.RemoteCommand(host, script)], stdin ?? "", timeout, ct);
        if (SshErrorMapper.Map(host, result) is { } failure) throw failure;
        return result;
    }

    /// <summary>Closes the shared connection to the host, if one is open (at `down`).</summary>
    public Task CloseAsync(InventoryHost host, CancellationToken ct) =>
        ProcessRunner.RunAsync("ssh", [.. arguments.For(host).SkipLast(1), "-O", "exit", host.Address], timeout: TimeSpan.FromSeconds(5), ct: ct);
}
