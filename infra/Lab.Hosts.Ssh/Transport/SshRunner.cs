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

    /// <summary>
    /// Starts a script that keeps running, with its standard streams open to the caller (a SQL session), over the host's
    /// shared connection. Ending the local ssh client closes the remote program's input.
    /// </summary>
    public IHostProcess Start(InventoryHost host, string script)
    {
        Directory.CreateDirectory(arguments.ControlDir);
        return PipedProcess.Start("ssh", [.. arguments.For(host), SshArguments.RemoteCommand(host, script)]);
    }

    /// <summary>Closes the shared connection to the host, if one is open (at `down`).</summary>
    public Task CloseAsync(InventoryHost host, CancellationToken ct) =>
        ProcessRunner.RunAsync("ssh", [.. arguments.For(host).SkipLast(1), "-O", "exit", host.Address], timeout: TimeSpan.FromSeconds(5), ct: ct);
}
