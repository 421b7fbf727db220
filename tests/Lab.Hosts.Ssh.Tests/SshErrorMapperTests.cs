using Lab.Core.Hosts;
using Lab.Hosts.Ssh.Inventory;
using Lab.Hosts.Ssh.Transport;

namespace Lab.Hosts.Ssh.Tests;

/// <summary>ssh's real messages (OpenSSH 9) and sudo's, mapped to one line naming the host and what to do.</summary>
public class SshErrorMapperTests
{
    private static readonly InventoryHost Db1 = new("db1", "10.10.10.101", null, "labadmin", 22, "/keys/id_lab", "labadmin@20.1.2.3:22", null);

    private static SshException? Map(int exit, string stderr) => SshErrorMapper.Map(Db1, new CommandResult(exit, "", stderr));

    [Theory]
    [InlineData("ssh: connect to host 10.10.10.101 port 22: Connection refused", SshFailureKind.Unreachable, "sshd listens on port 22")]
    [InlineData("ssh: connect to host 10.10.10.101 port 22: Connection timed out", SshFailureKind.Unreachable, "machine is running")]
    [InlineData("ssh: connect to host 10.10.10.101 port 22: No route to host", SshFailureKind.Unreachable, "jump host")]
    [InlineData("ssh: Could not resolve hostname db1.lab: Name or service not known", SshFailureKind.NameUnknown, "fix 'address'")]
    [InlineData("labadmin@10.10.10.101: Permission denied (publickey).", SshFailureKind.PermissionDenied, "/keys/id_lab")]
    [InlineData("@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\nHost key verification failed.",
        SshFailureKind.HostKeyChanged, "ssh-keygen -R 10.10.10.101")]
    [InlineData("No ED25519 host key is known for 10.10.10.101 and you have requested strict checking.\nHost key verification failed.", SshFailureKind.HostKeyUnknown, "accept the key")]
    [InlineData("Connection closed by UNKNOWN port 65535", SshFailureKind.ProxyFailed, "jump")]
    [InlineData("kex_exchange_identification: read: Connection reset by peer", SshFailureKind.Unreachable, "unreachable")]
    public void Exit_255_becomes_one_line_naming_the_host_and_the_fix(string stderr, SshFailureKind kind, string advice)
    {
        var e = Map(255, stderr);
        Assert.NotNull(e);
        Assert.Equal(kind, e.Kind);
        Assert.StartsWith("db1 (labadmin@10.10.10.101:22 via labadmin@20.1.2.3:22): ", e.Message);
        Assert.Contains(advice, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("sudo: a password is required", SshFailureKind.SudoNeedsPassword, "NOPASSWD")]
    [InlineData("sudo: a terminal is required to read the password; either use the -S option", SshFailureKind.SudoNeedsPassword, "NOPASSWD")]
    [InlineData("labadmin is not in the sudoers file.  This incident will be reported.", SshFailureKind.NoSudo, "log in as root")]
    [InlineData("bash: line 1: sudo: command not found", SshFailureKind.NoSudo, "install sudo")]
    public void Sudo_refusals_come_back_as_the_commands_exit_and_are_mapped_too(string stderr, SshFailureKind kind, string advice)
    {
        var e = Map(1, stderr);
        Assert.NotNull(e);
        Assert.Equal(kind, e.Kind);
        Assert.Contains(advice, e.Message);
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "ERROR 1047 (08S01) at line 1: WSREP has not yet prepared node for application use")]
    [InlineData(3, "")]
    public void The_remote_commands_own_results_are_left_alone(int exit, string stderr) => Assert.Null(Map(exit, stderr));

    [Fact]
    public void An_unknown_ssh_failure_still_names_the_host_and_shows_sshs_words()
    {
        var e = Map(255, "Bad owner or permissions on /root/.ssh/config");
        Assert.Equal(SshFailureKind.Other, e!.Kind);
        Assert.Contains("db1", e.Message);
        Assert.Contains("Bad owner or permissions", e.Message);
    }
}
