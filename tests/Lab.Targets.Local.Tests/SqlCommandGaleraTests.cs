namespace Lab.Targets.Local.Tests;

/// <summary>`lab sql` on a real galera lab's hosts that cannot answer SQL, and through HAProxy from the one that can.</summary>
[Collection(GaleraLabCollection.Name)]
public sealed class SqlCommandGaleraTests(GaleraLabFixture lab)
{
    [Fact]
    public async Task Given_the_haproxy_host_When_asked_for_SQL_Then_one_line_on_stderr_names_the_hosts_that_answer_and_the_exit_is_2()
    {
        _ = lab.Instance;

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(lab, "sql", "haproxy", "SELECT 1");

        Assert.True(exit == Lab.Cli.ExitCodes.BadInput && stdout.Length == 0, $"exit {exit} (expected 2, bad input), stdout:\n{stdout}");
        Assert.Equal("error: haproxy has no MariaDB server and no MariaDB client configuration, so `mariadb` there has nothing to connect to; " +
                     "run SQL on db1, db2, db3 or client instead\n", stderr);
    }

    [Fact]
    public async Task Given_the_client_host_When_it_runs_SQL_Then_HAProxy_hands_it_to_a_node_and_the_header_names_the_column()
    {
        _ = lab.Instance;

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(lab, "sql", "client", "SELECT @@hostname");

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(exit == 0 && stderr.Length == 0 && lines.Length == 2 && lines[0] == "@@hostname" && lines[1] is "db1" or "db2" or "db3",
            $"exit {exit}, stdout '{stdout}', stderr '{stderr}'");
    }
}
