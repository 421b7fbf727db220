using Lab.Core.Hosts;
using Lab.Core.Messages;
using Lab.Core.Workload;

namespace Lab.Core.Tests;

/// <summary>The data-safety checkers' arithmetic: lost updates from counter and journal, stale reads per wsrep_sync_wait, and whose error is whose.</summary>
public sealed class SafetyReportTests
{
    private static IncrementRecord Increment(string writer, long n, OpOutcome outcome) => new(writer, n, outcome, outcome == OpOutcome.Failed ? 1213 : null);

    /// <summary>Six acknowledged increments, two refused by deadlock, one in doubt.</summary>
    private static readonly IReadOnlyList<IncrementRecord> Increments =
    [
        .. Enumerable.Range(1, 3).Select(n => Increment("db1", n, OpOutcome.Ok)),
        .. Enumerable.Range(1, 3).Select(n => Increment("db2", n, OpOutcome.Ok)),
        Increment("db1", 4, OpOutcome.Failed), Increment("db2", 4, OpOutcome.Failed), Increment("db2", 5, OpOutcome.Unknown),
    ];

    [Fact]
    public void Given_a_counter_equal_to_the_committed_increments_Then_no_update_is_lost()
    {
        var report = new IncrementReport(Increments, Counter: 6, Journal: 6, MissingAcknowledged: 0, Locking: true);

        Assert.True(report is { Tried: 9, Acknowledged: 6, Refused: 2, InDoubt: 1, Deadlocks: 2, LostUpdates: 0, Extra: 0, BelowAcknowledged: 0 }, report.ToString());
        Assert.Equal("9 increments (SELECT ... FOR UPDATE): 6 acknowledged, 2 refused, 1 in doubt; counter 6, committed increments 6: no lost update", report.ToString());
    }

    [Fact]
    public void Given_a_counter_below_the_committed_increments_Then_the_difference_is_lost_updates()
    {
        // The in-doubt increment committed too (7 journal rows), but two increments wrote a value read before another's commit.
        var report = new IncrementReport(Increments, Counter: 5, Journal: 7, MissingAcknowledged: 0, Locking: false);

        Assert.Equal(2, report.LostUpdates);
        Assert.Equal(1, report.BelowAcknowledged);
        Assert.Equal("9 increments (plain SELECT, then UPDATE): 6 acknowledged, 2 refused, 1 in doubt; counter 5, committed increments 7: 2 LOST UPDATE(S)", report.ToString());
        Assert.Contains("갱신 유실 2건", report.Describe(Language.Ko));
    }

    [Fact]
    public void Given_an_acknowledged_increment_without_its_journal_row_and_a_counter_above_the_journal_Then_both_are_said()
    {
        var report = new IncrementReport(Increments, Counter: 7, Journal: 5, MissingAcknowledged: 1, Locking: true);

        Assert.Equal(0, report.LostUpdates);
        Assert.Equal(2, report.Extra);
        Assert.EndsWith(": no lost update, 1 acknowledged increment(s) not committed, 2 more than committed", report.ToString());
    }

    private static ReadRecord Read(long id, int syncWait, bool acknowledged, bool? found) => new(id, "db2", syncWait, acknowledged, found, found is null ? "ERROR 1205" : null);

    [Fact]
    public void Given_reads_Then_stale_ones_are_counted_per_sync_wait_and_only_after_an_acknowledged_write()
    {
        var report = new StaleReadReport(
        [
            Read(1, 0, true, false), Read(2, 1, true, true), Read(3, 0, true, true), Read(4, 1, true, null),
            Read(5, 0, false, false), // the write was refused: its read proves nothing
            Read(6, 0, true, false),
        ], "db1");

        Assert.Equal(new StaleReadCount(0, 3, 2, 0), report.For(0));
        Assert.Equal(new StaleReadCount(1, 1, 0, 1), report.For(1));
        Assert.Equal(new StaleReadCount(2, 0, 0, 0), report.For(2));
        Assert.Equal("write on db1, read on db2: wsrep_sync_wait=0: 3 reads, 2 stale; wsrep_sync_wait=1: 1 reads, 0 stale, 1 without an answer; " +
            "1 write(s) not acknowledged (their reads not counted); first error: ERROR 1205", report.ToString());
    }

    private static ScriptOp Op(long id, int lines) => new(id, Enumerable.Range(0, lines).Select(i => $"-- {id}.{i}").ToList());

    [Fact]
    public void Given_the_clients_output_Then_each_error_and_row_goes_to_the_operation_holding_its_line()
    {
        // Header line 1; op 1 on lines 2-3, op 2 on 4-5, op 3 on 6-7, op 4 on 8-9.
        var ops = new[] { Op(1, 2), Op(2, 2), Op(3, 2), Op(4, 2) };
        var result = new CommandResult(1, "op\t1\tdb2\t1\n--------------\nINSERT ...\nop\t2\tdb2\t0\n",
            "ERROR 1213 (40001) at line 5: Deadlock found when trying to get lock; try restarting transaction\n" +
            "ERROR 2013 (HY000) at line 6: Lost connection to server during query\n");

        var results = SqlScript.Parse(1, ops, result);

        Assert.Equal([OpOutcome.Ok, OpOutcome.Failed, OpOutcome.Unknown, OpOutcome.Unknown], results.Select(r => r.Outcome));
        Assert.Equal(new OpError(1, 1213, "Deadlock found when trying to get lock; try restarting transaction"), results[1].Errors.Single());
        Assert.Equal("0", results[1].Rows.Single()[3]);
        Assert.Equal(0, results[2].Errors.Single().Line);
        Assert.Empty(results[3].Errors); // no answer and no error: the client never got there
    }

    [Fact]
    public void Given_a_client_that_could_not_connect_Then_every_operation_failed()
    {
        var results = SqlScript.Parse(0, [Op(1, 1), Op(2, 1)],
            new CommandResult(1, "", "ERROR 2002 (HY000): Can't connect to local server through socket '/run/mysqld/mysqld.sock' (2)\n"));

        Assert.All(results, r => Assert.True(r is { Outcome: OpOutcome.Failed, ErrorCode: 2002 }));
    }

    [Fact]
    public void Given_an_increment_Then_any_error_ends_it_before_it_writes_on_its_own()
    {
        var statement = IncrementWorkload.Statement(2, 17, locking: true);

        Assert.StartsWith("BEGIN NOT ATOMIC", statement);
        Assert.Contains("DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;", statement);
        Assert.Contains("FOR UPDATE;", statement);
        Assert.Contains("VALUES (2, 17); COMMIT; SELECT 'op', 17; END//", statement);
        Assert.DoesNotContain("FOR UPDATE", IncrementWorkload.Statement(2, 17, locking: false));
        Assert.DoesNotContain('\n', statement); // one line: an error's line number names this increment
    }
}
