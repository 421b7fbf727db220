using Lab.Instances;
using Lab.Core.Model;
using Lab.Targets.Local;
using Lab.Hosts.Ssh;
using Lab.Hosts.Ssh.Inventory;
using Lab.Hosts.Ssh.Transport;

namespace Lab.Cli.Tests;

/// <summary>`lab shell HOST -- WORDS`: every word reaches the program as one argument, on every target.</summary>
public sealed class ShellArgumentsTests
{
    private static readonly HostDefinition Client = new("client", "10.10.10.50", "client", [], [], ["/etc/mysql"]);

    // The README's example, plus a word with a quote and one with shell syntax that must stay inert.
    private static readonly string[] Words = ["printf", "<%s>\\n", "SELECT @@hostname", "it's", "$HOME;echo no"];

    [Fact]
    public void Given_words_When_building_the_local_shell_command_Then_each_word_follows_the_environment_as_its_own_argument()
    {
        var host = new LocalHost(new LocalLayout("/tmp/s", "/tmp/n", "/tmp/c"), "dfx", Client);

        var args = host.ShellArgs(Words);

        var enter = host.EnterArgs.Count;
        Assert.True(args.Take(enter).SequenceEqual(host.EnterArgs), $"expected the nsenter arguments first, got: {string.Join(" | ", args)}");
        Assert.True(args.Skip(enter).SequenceEqual(["env", "HOME=/root", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "PS1=root@\\h:\\w# ", .. Words]),
            $"expected env, HOME, root's PATH (the host's systemctl in /usr/local/sbin first), PS1 and then the words unchanged, got: {string.Join(" | ", args.Skip(enter))}");
    }

    [Fact]
    public void Given_no_words_When_building_the_local_shell_command_Then_it_is_an_interactive_bash()
    {
        var host = new LocalHost(new LocalLayout("/tmp/s", "/tmp/n", "/tmp/c"), "dfx", Client);

        var args = host.ShellArgs([]);

        Assert.True(args.TakeLast(3).SequenceEqual(["bash", "--norc", "-i"]), $"got: {string.Join(" | ", args)}");
    }

    [Fact]
    public async Task Given_words_When_the_ssh_remote_command_line_is_run_by_a_shell_as_sshd_does_Then_the_program_gets_each_word_unchanged()
    {
        var host = new SshHost(Client, new InventoryHost("client", "192.0.2.50", null, "root", 22, null, null, null),
            new SshRunner(new SshArguments("/tmp/dfx-ssh", null)));

        var args = host.ShellArguments(Words);
        // sshd runs the remote command line with the login user's shell: `sh -c LINE`. Run it the same way here.
        var line = args[^1];
        var run = await ProcessRunner.RunAsync("sh", ["-c", line]);

        Assert.True(args[^2] == "192.0.2.50", $"expected the destination just before the remote command, got: {string.Join(" | ", args)}");
        Assert.True(run.Ok, $"the remote command line failed ({run.Describe()}): {line}");
        Assert.True(run.Stdout == "<SELECT @@hostname>\n<it's>\n<$HOME;echo no>\n",
            $"expected each word as one argument, unexpanded; printf printed:\n{run.Stdout}\nfrom the line: {line}");
    }

    [Fact]
    public void Given_no_words_When_building_the_ssh_shell_command_Then_it_is_a_login_with_a_terminal_and_no_remote_command()
    {
        var host = new SshHost(Client, new InventoryHost("client", "192.0.2.50", null, "admin", 22, null, null, null),
            new SshRunner(new SshArguments("/tmp/dfx-ssh", null)));

        var args = host.ShellArguments([]);

        Assert.True(args[^1] == "192.0.2.50" && args.Contains("-t"), $"expected `-t ... 192.0.2.50` last, got: {string.Join(" | ", args)}");
    }

    [Fact]
    public void Given_a_non_root_ssh_user_When_building_the_remote_command_Then_the_quoted_words_run_through_sudo()
    {
        var host = new SshHost(Client, new InventoryHost("client", "192.0.2.50", null, "admin", 22, null, null, null),
            new SshRunner(new SshArguments("/tmp/dfx-ssh", null)));

        var line = host.ShellArguments(["mariadb", "-e", "SELECT @@hostname"])[^1];

        var script = "'mariadb' '-e' 'SELECT @@hostname'";
        Assert.True(line.StartsWith("sudo -n ", StringComparison.Ordinal) && line.EndsWith("sh -c " + SshArguments.Quote(script), StringComparison.Ordinal),
            $"got: {line}");
    }
}
