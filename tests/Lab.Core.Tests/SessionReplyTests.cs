using Lab.Core.Sql;

namespace Lab.Core.Tests;

/// <summary>
/// A session's reply read from what the real client prints (captured from <c>mariadb --batch --skip-column-names
/// --force</c> 10.11): rows on standard output, each failed statement echoed between dashed lines on standard error
/// with its error below.
/// </summary>
public sealed class SessionReplyTests
{
    [Fact]
    public void Given_a_deadlock_at_commit_Then_the_outcome_is_error_1213_with_the_servers_message()
    {
        var reply = SessionReply.Parse([], ["--------------", "COMMIT", "--------------", "",
            "ERROR 1213 (40001) at line 1: Deadlock found when trying to get lock; try restarting transaction"], false, 0);

        Assert.Equal(1213, reply.Result.ErrorCode);
        Assert.Equal("Deadlock found when trying to get lock; try restarting transaction", reply.Result.ErrorMessage);
        Assert.Equal("", reply.Other); // the echoed statement is not news
    }

    [Fact]
    public void Given_several_statements_with_one_failing_Then_rows_of_the_others_are_kept_and_the_error_is_the_outcome()
    {
        var reply = SessionReply.Parse(["23", "2"], ["--------------", "SELECT nosuch", "--------------", "",
            "ERROR 1054 (42S22) at line 1: Unknown column 'nosuch' in 'SELECT'"], false, 0);

        Assert.Equal(["23", "2"], reply.Rows.Select(r => r[0]));
        Assert.Equal((1054, "Unknown column 'nosuch' in 'SELECT'"), Assert.Single(reply.Errors));
    }

    [Fact]
    public void Given_an_error_message_over_several_lines_Then_it_is_joined_up_to_the_next_statement()
    {
        var reply = SessionReply.Parse([], ["--------------", "SELEC 1", "FROM t", "--------------", "",
            "ERROR 1064 (42000) at line 2: You have an error in your SQL syntax near 'SELEC 1", "FROM t' at line 1",
            "--------------", "SELECT nosuch", "--------------", "", "ERROR 1054 (42S22) at line 4: Unknown column 'nosuch' in 'SELECT'"], false, 0);

        Assert.Equal([1064, 1054], reply.Errors.Select(e => e.Code));
        Assert.Equal("You have an error in your SQL syntax near 'SELEC 1 FROM t' at line 1", reply.Errors[0].Message);
        Assert.Equal(1064, reply.Result.ErrorCode);
    }

    [Fact]
    public void Given_tab_separated_rows_Then_they_are_split_into_columns()
    {
        var reply = SessionReply.Parse(["1\tNULL\ta\\tb"], [], false, 0);

        Assert.True(reply.Result.Ok);
        Assert.Equal(["1", "NULL", "a\\tb"], Assert.Single(reply.Rows));
        Assert.Equal("1", reply.Result.Scalar);
    }

    [Fact]
    public void Given_the_client_ended_before_the_marker_Then_the_outcome_is_what_it_said_last()
    {
        var refused = SessionReply.Parse([], ["ERROR 2002 (HY000): Can't connect to local server through socket '/run/mysqld/mysqld.sock' (2)"], true, 0);
        var vanished = SessionReply.Parse([], ["ssh: connect to host db1 port 22: Connection refused"], true, 0);

        Assert.Equal(2002, refused.Result.ErrorCode);
        Assert.True(vanished.ClientEnded);
        Assert.Equal(-1, vanished.Result.ErrorCode);
        Assert.Equal("ssh: connect to host db1 port 22: Connection refused", vanished.Result.ErrorMessage);
    }
}
