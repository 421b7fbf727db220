using Lab.Hosts.Ssh.Inventory;

namespace Lab.Hosts.Ssh.Transport;

/// <summary>
/// The OpenSSH client's arguments for one host: never prompts (BatchMode), reuses one connection per host
/// (ControlMaster, sockets in a private directory), and honours the inventory's key, jump host and proxy command.
/// </summary>
/// <param name="pace">How much slower than native the hosts run: a VM under emulation busy with a state transfer can
/// leave sshd's keepalive replies 15 s late, so the connection is given up only after 15 s × pace of silence.</param>
public sealed class SshArguments(string controlDir, string? knownHosts, double pace = 1)
{
    public string ControlDir => controlDir;

    public IReadOnlyList<string> For(InventoryHost host, bool tty = false)
    {
        var args = new List<string>
        {
            "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=10",
            "-o", "ServerAliveInterval=5",
            "-o", $"ServerAliveCountMax={(int)Math.Ceiling(3 * Math.Max(1, pace))}",
            "-o", "ControlMaster=auto",
            // %C: a hash of host, port, user and jump; short enough for the 108-byte socket path limit.
            "-o", $"ControlPath={Path.Combine(controlDir, "%C")}",
            "-o", "ControlPersist=120s",
            "-o", "LogLevel=ERROR",
            "-p", host.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-l", host.User,
        };
        if (knownHosts is not null)
            args.AddRange(["-o", $"UserKnownHostsFile={knownHosts}", "-o", "StrictHostKeyChecking=yes", "-o", "GlobalKnownHostsFile=/dev/null"]);
        if (host.Key is not null) args.AddRange(["-i", host.Key, "-o", "IdentitiesOnly=yes"]);
        if (host.ProxyCommand is not null) args.AddRange(["-o", $"ProxyCommand={host.ProxyCommand}"]);
        else if (host.Jump is not null) args.AddRange(["-J", host.Jump]);
        args.Add(tty ? "-t" : "-T");
        args.Add(host.Address);
        return args;
    }

    /// <summary>
    /// The remote command line: a POSIX shell running <paramref name="script"/> as root (through `sudo -n` when the user
    /// is not root, which fails at once instead of asking for a password), with a predictable environment.
    /// </summary>
    public static string RemoteCommand(InventoryHost host, string script)
    {
        var inner = "env LANG=C.UTF-8 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin sh -c " + Quote(script);
        return host.IsRoot ? inner : "sudo -n " + inner;
    }

    public static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";
}
