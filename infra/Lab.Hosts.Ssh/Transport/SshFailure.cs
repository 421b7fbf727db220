namespace Lab.Hosts.Ssh.Transport;

/// <summary>Why ssh could not run a command on a host, as far as its message tells.</summary>
public enum SshFailureKind { Unreachable, NameUnknown, PermissionDenied, HostKeyChanged, HostKeyUnknown, SudoNeedsPassword, NoSudo, ProxyFailed, Other }

/// <summary>
/// ssh (or sudo on the host) failed before the command ran; the message is one line naming the host and what to do.
/// An I/O error to the CLI: the remote end could not be used.
/// </summary>
public sealed class SshException(string host, SshFailureKind kind, string message) : Lab.Core.Errors.LabException(message)
{
    public string Host { get; } = host;
    public SshFailureKind Kind { get; } = kind;
}
