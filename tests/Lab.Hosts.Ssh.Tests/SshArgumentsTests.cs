using Lab.Hosts.Ssh.Inventory;
using Lab.Hosts.Ssh.Transport;

namespace Lab.Hosts.Ssh.Tests;

public class SshArgumentsTests
{
    [Fact]
    public void Never_prompts_and_reuses_one_connection_per_host()
    {
        var host = new InventoryHost("db1", "10.10.10.101", null, "labadmin", 2222, "/k/id", "labadmin@20.1.2.3:22", null);
        var args = string.Join(' ', new SshArguments("/run/lab/ssh/x", null).For(host));
        Assert.Contains("BatchMode=yes", args);
        Assert.Contains("ControlMaster=auto", args);
        Assert.Contains("ControlPath=/run/lab/ssh/x/%C", args);
        Assert.Contains("-p 2222 -l labadmin", args);
        Assert.Contains("-i /k/id -o IdentitiesOnly=yes", args);
        Assert.Contains("-J labadmin@20.1.2.3:22", args);
        Assert.EndsWith("-T 10.10.10.101", args);
    }

    [Fact]
    public void Hosts_under_emulation_may_stay_silent_longer_before_the_connection_is_given_up()
    {
        var host = new InventoryHost("db1", "10.10.10.101", null, "root", 22, null, null, null);
        Assert.Contains("ServerAliveCountMax=3", new SshArguments("/c", null).For(host));
        Assert.Contains("ServerAliveCountMax=15", new SshArguments("/c", null, pace: 5).For(host));
    }

    [Fact]
    public void A_proxy_command_replaces_the_jump_host_and_a_known_hosts_file_is_checked_strictly()
    {
        var host = new InventoryHost("db1", "10.10.10.101", null, "root", 22, null, "x@y", "nsenter --net=/run/netns/n socat - TCP:%h:%p");
        var args = new SshArguments("/c", "/state/known_hosts").For(host);
        Assert.Contains("ProxyCommand=nsenter --net=/run/netns/n socat - TCP:%h:%p", args);
        Assert.DoesNotContain("-J", args);
        Assert.Contains("StrictHostKeyChecking=yes", args);
        Assert.Contains("UserKnownHostsFile=/state/known_hosts", args);
    }

    [Fact]
    public void Non_root_users_run_through_sudo_without_a_password_prompt()
    {
        var user = new InventoryHost("db1", "a", null, "labadmin", 22, null, null, null);
        var root = user with { User = "root" };
        Assert.StartsWith("sudo -n env ", SshArguments.RemoteCommand(user, "id -u"));
        Assert.StartsWith("env ", SshArguments.RemoteCommand(root, "id -u"));
        Assert.EndsWith("sh -c 'it'\\''s'", SshArguments.RemoteCommand(root, "it's"));
    }
}
