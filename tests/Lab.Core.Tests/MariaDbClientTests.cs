using Lab.Core.Hosts;
using Lab.Core.Sql;

namespace Lab.Core.Tests;

public sealed class MariaDbClientTests
{
    [Fact]
    public void Given_a_non_primary_node_refusing_a_query_When_the_output_is_parsed_Then_the_error_code_is_1047()
    {
        var result = MariaDbClient.Parse(new CommandResult(1, "",
            "ERROR 1047 (08S01) at line 1: WSREP has not yet prepared node for application use\n"));

        Assert.True(!result.Ok && result.ErrorCode == 1047, $"expected error 1047, got {result}");
        Assert.True(result.ErrorMessage == "WSREP has not yet prepared node for application use", $"message was '{result.ErrorMessage}'");
        Assert.True(result.Rows.Count == 0, $"expected no rows, got {result.Rows.Count}");
    }

    [Fact]
    public void Given_a_certification_conflict_without_line_number_When_parsed_Then_code_and_message_are_kept()
    {
        var result = MariaDbClient.Parse(new CommandResult(1, "", "ERROR 1213 (40001): Deadlock found when trying to get lock; try restarting transaction"));

        Assert.True(result.ErrorCode == 1213 && result.ErrorMessage == "Deadlock found when trying to get lock; try restarting transaction", $"got {result}");
    }

    [Fact]
    public void Given_the_client_cannot_reach_the_server_When_parsed_Then_the_client_error_code_is_returned()
    {
        var result = MariaDbClient.Parse(new CommandResult(1, "",
            "ERROR 2002 (HY000): Can't connect to local server through socket '/run/mysqld/mysqld.sock' (2)"));

        Assert.True(result.ErrorCode == 2002 && result.ErrorMessage!.StartsWith("Can't connect to local server"), $"got {result}");
    }

    [Fact]
    public void Given_the_client_did_not_run_at_all_When_parsed_Then_the_code_is_minus_one_with_the_shells_message()
    {
        var result = MariaDbClient.Parse(new CommandResult(127, "", "sh: 1: mariadb: not found\n"));

        Assert.True(result.ErrorCode == -1 && result.ErrorMessage == "sh: 1: mariadb: not found", $"got {result}");
    }

    [Fact]
    public void Given_batch_output_When_parsed_Then_rows_are_split_on_tabs()
    {
        var result = MariaDbClient.Parse(new CommandResult(0,
            "wsrep_cluster_size\t3\nwsrep_cluster_status\tPrimary\nwsrep_local_state_comment\tSynced\n", ""));

        Assert.True(result.Ok, $"expected success, got {result}");
        var rows = result.Rows.Select(r => string.Join("|", r)).ToList();
        Assert.True(rows.SequenceEqual(["wsrep_cluster_size|3", "wsrep_cluster_status|Primary", "wsrep_local_state_comment|Synced"]),
            $"rows were: {string.Join(" ; ", rows)}");
        Assert.True(result.Scalar == "wsrep_cluster_size", $"Scalar was '{result.Scalar}'");
    }

    [Fact]
    public void Given_a_statement_without_result_When_parsed_Then_it_is_ok_with_no_rows()
    {
        var result = MariaDbClient.Parse(new CommandResult(0, "", ""));

        Assert.True(result.Ok && result.Rows.Count == 0 && result.Scalar is null, $"got {result}");
    }
}
