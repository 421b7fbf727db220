using System.Text.RegularExpressions;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// `lab sql` on a real replication lab prints what `mariadb -e` typed on that host prints: headers, `\G` labels,
/// errors with their SQLSTATE on stderr, the client's exit code.
/// </summary>
[Collection(ReplicationLabCollection.Name)]
public sealed partial class SqlCommandReplicationTests(ReplicationLabFixture lab)
{
    private const string RowBanner = "*************************** 1. row ***************************";

    [GeneratedRegex(@"^ *[A-Za-z_]+: ?")]
    private static partial Regex LabelledLine();

    [Fact]
    public async Task Given_a_replica_When_SHOW_SLAVE_STATUS_ends_in_G_Then_every_column_is_a_labelled_line_and_the_IO_thread_runs()
    {
        _ = lab.Instance;

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(lab, "sql", "replica1", "SHOW SLAVE STATUS\\G");

        Assert.True(exit == 0 && stderr.Length == 0, $"exit {exit}, stderr:\n{stderr}\nstdout:\n{stdout}");
        var lines = stdout.TrimEnd('\n').Split('\n');
        Assert.True(lines[0] == RowBanner, $"expected the client's row banner first; stdout:\n{stdout}");
        var unlabelled = lines.Skip(1).Where(l => !LabelledLine().IsMatch(l)).ToList();
        Assert.True(lines.Length > 40 && unlabelled.Count == 0,
            $"expected one 'Column: value' line per column; {lines.Length - 1} lines, unlabelled: {string.Join(" | ", unlabelled)}");
        var fields = lines.Skip(1).Select(l => l.Trim()).ToList();
        Assert.Contains("Slave_IO_Running: Yes", fields);
        Assert.Contains("Slave_SQL_Running: Yes", fields);
        Assert.Contains($"Master_Host: {lab.Instance.Lab.Host("primary").Address}", fields);
    }

    [Fact]
    public async Task Given_a_select_When_run_plainly_and_with_N_Then_the_header_line_is_there_and_then_gone()
    {
        _ = lab.Instance;
        const string sql = "SELECT @@hostname AS host, @@server_id AS id";

        var plain = await InProcessCli.RunAsync(lab, "sql", "primary", sql);
        var bare = await InProcessCli.RunAsync(lab, "sql", "-N", "primary", sql);

        // Not a terminal: the client's tab-separated batch format, the server-id being the address's last byte.
        Assert.True(plain == (0, "host\tid\nprimary\t111\n", ""), $"plain: exit {plain.ExitCode}, stdout '{plain.Stdout}', stderr '{plain.Stderr}'");
        Assert.True(bare == (0, "primary\t111\n", ""), $"-N: exit {bare.ExitCode}, stdout '{bare.Stdout}', stderr '{bare.Stderr}'");
    }

    [Fact]
    public async Task Given_the_client_host_When_it_runs_SQL_Then_its_own_cnf_takes_it_to_the_primary()
    {
        _ = lab.Instance;

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(lab, "sql", "client", "SELECT @@hostname");

        Assert.True((exit, stdout, stderr) == (0, "@@hostname\nprimary\n", ""), $"exit {exit}, stdout '{stdout}', stderr '{stderr}'");
    }

    [Fact]
    public async Task Given_a_missing_table_When_queried_Then_the_error_with_its_SQLSTATE_is_on_stderr_and_the_exit_code_is_1()
    {
        _ = lab.Instance;

        var (exit, stdout, stderr) = await InProcessCli.RunAsync(lab, "sql", "replica1", "SELECT * FROM lab_nowhere.t");

        Assert.True(exit == 1, $"expected the client's exit 1, got {exit}; stderr:\n{stderr}");
        Assert.True(stdout.Length == 0, $"nothing belongs on stdout; it had:\n{stdout}");
        Assert.True(stderr.TrimEnd('\n').Split('\n')[^1] == "ERROR 1146 (42S02) at line 1: Table 'lab_nowhere.t' doesn't exist", $"stderr:\n{stderr}");
    }
}
