using Lab.Core.Hosts;
using Lab.Hosts.Ssh.Inventory;

namespace Lab.Hosts.Ssh.Transport;

/// <summary>
/// Turns the OpenSSH client's failures (exit 255 and its stderr) and sudo's refusals into one clear line naming the
/// host and what to do. Anything else is the remote command's own result and is returned untouched.
/// </summary>
public static class SshErrorMapper
{
    public const int SshFailed = 255;

    public static SshException? Map(InventoryHost host, CommandResult result)
    {
        var err = result.Stderr;
        var where = $"{host.Name} ({host.User}@{host.Address}:{host.Port}{(host.Jump is null ? "" : $" via {host.Jump}")})";
        // sudo runs on the host, so its refusals come back with the command's exit code (1), not 255.
        if (err.Contains("sudo: a password is required", StringComparison.Ordinal) || err.Contains("sudo: a terminal is required", StringComparison.Ordinal))
            return new(host.Name, SshFailureKind.SudoNeedsPassword,
                $"{where}: sudo asks {host.User} for a password; allow it without one (a line '{host.User} ALL=(ALL) NOPASSWD:ALL' in /etc/sudoers.d/lab) or log in as root");
        if (err.Contains("is not in the sudoers file", StringComparison.Ordinal) || err.Contains("sudo: command not found", StringComparison.Ordinal)
            || err.Contains("sudo: not found", StringComparison.Ordinal))
            return new(host.Name, SshFailureKind.NoSudo,
                $"{where}: {host.User} cannot use sudo ({FirstLine(err)}); install sudo and allow {host.User} NOPASSWD, or log in as root");
        if (result.ExitCode != SshFailed) return null;

        if (Has(err, "REMOTE HOST IDENTIFICATION HAS CHANGED") || Has(err, "Host key for") && Has(err, "has changed"))
            return new(host.Name, SshFailureKind.HostKeyChanged,
                $"{where}: the host key differs from the one in known_hosts (a rebuilt VM, or someone in between); if the VM was rebuilt, remove the old key with `ssh-keygen -R {host.Address}` and connect once to accept the new one");
        if (Has(err, "Host key verification failed") || Has(err, "No ED25519 host key is known") || Has(err, "host key is known for"))
            return new(host.Name, SshFailureKind.HostKeyUnknown,
                $"{where}: its host key is not in known_hosts and BatchMode never asks; connect once with `ssh -p {host.Port} {host.User}@{host.Address}` and accept the key (or add it with ssh-keyscan)");
        if (Has(err, "Permission denied"))
            return new(host.Name, SshFailureKind.PermissionDenied,
                $"{where}: permission denied ({FirstLine(err)}); check the inventory's key ({host.Key ?? "none: your agent and default keys"}) and that its public key is in ~{host.User}/.ssh/authorized_keys there");
        if (Has(err, "Could not resolve hostname") || Has(err, "Name or service not known"))
            return new(host.Name, SshFailureKind.NameUnknown,
                $"{where}: the name does not resolve; fix 'address' in the inventory or add it to /etc/hosts");
        var refused = Has(err, "Connection refused") || Has(err, "timed out") || Has(err, "No route to host") || Has(err, "Network is unreachable");
        if (!refused && (Has(err, "UNKNOWN port 65535") || Has(err, "proxy dialog")))
            return new(host.Name, SshFailureKind.ProxyFailed,
                $"{where}: the proxy command or jump host failed ({FirstLine(err)}); check 'jump'/'proxyCommand' in the inventory and that the jump host is reachable");
        if (refused || Has(err, "Connection reset") || Has(err, "Connection closed") || Has(err, "kex_exchange_identification"))
            return new(host.Name, SshFailureKind.Unreachable,
                $"{where}: unreachable ({FirstLine(err)}); check that the machine is running, sshd listens on port {host.Port}, and the address{(host.Jump is null ? "" : " and jump host")} in the inventory");
        return new(host.Name, SshFailureKind.Other, $"{where}: ssh failed ({FirstLine(err)})");
    }

    private static bool Has(string text, string what) => text.Contains(what, StringComparison.OrdinalIgnoreCase);

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(l => !l.StartsWith("Warning: Permanently added", StringComparison.Ordinal) && !l.StartsWith("@@@", StringComparison.Ordinal)) ?? "no message";
        return line.Length > 160 ? line[..157] + "..." : line;
    }
}
