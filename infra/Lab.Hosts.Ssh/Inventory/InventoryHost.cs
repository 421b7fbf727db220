namespace Lab.Hosts.Ssh.Inventory;

/// <summary>How to reach one host of a lab over SSH.</summary>
/// <param name="Name">The host's name in the lab (db1, haproxy, ...).</param>
/// <param name="Address">Where ssh connects: a name or address reachable from here (or from the jump host).</param>
/// <param name="LabAddress">The host's address on the lab network, when it differs from <paramref name="Address"/>.</param>
/// <param name="User">Login user; anything but root runs commands through <c>sudo -n</c>.</param>
/// <param name="Port">sshd's port.</param>
/// <param name="Key">Private key file (absolute), or null for the user's agent and default keys.</param>
/// <param name="Jump">OpenSSH ProxyJump: <c>user@host:port</c>.</param>
/// <param name="ProxyCommand">OpenSSH ProxyCommand (the machines target reaches its hosts through the lab's namespaces).</param>
public sealed record InventoryHost(
    string Name, string Address, string? LabAddress, string User, int Port, string? Key, string? Jump, string? ProxyCommand)
{
    public bool IsRoot => User == "root";

    /// <summary>The lab address templates and peers use.</summary>
    public string EffectiveLabAddress => LabAddress ?? Address;
}
