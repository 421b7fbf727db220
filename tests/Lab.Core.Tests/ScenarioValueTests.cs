using System.Text.RegularExpressions;
using Lab.Core.Messages;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>
/// Saved values and the `value` expectation, run by the real engine on fake hosts: a counter saved, changed by a
/// statement, compared; the same value on several nodes; and each way it fails, with both sides in the message.
/// </summary>
public sealed class ScenarioValueTests
{
    private static string At(int line) => $"{Path.GetFullPath(ScenarioHarness.File)}:{line}: ";

    /// <summary>db1's counter starts at 5; each INSERT into t adds <paramref name="step"/>.</summary>
    private static ScenarioHarness Counting(int step)
    {
        var lab = new ScenarioHarness("galera");
        var failures = 5;
        lab["db1"].Sql.SetStatus("wsrep_local_cert_failures", "5");
        lab["db1"].Sql.On(new Regex("^INSERT INTO t "), _ =>
        {
            failures += step;
            lab["db1"].Sql.SetStatus("wsrep_local_cert_failures", failures.ToString());
            return SqlReply.Done;
        });
        return lab;
    }

    private const string OneMore = """
        name: t
        stages:
          - title: save the counter
            do:
              - save: { as: before, on: db1, status: wsrep_local_cert_failures }
          - title: one conflicting write
            do:
              - sql: { on: db1, run: "INSERT INTO t VALUES (1)" }
            expect:
              - value: { on: db1, status: wsrep_local_cert_failures, increased_by: 1, from: before }
                within: 2s
        """;

    [Fact]
    public async Task Given_a_saved_counter_When_a_statement_adds_one_Then_increased_by_1_holds_and_the_save_step_shows_the_value()
    {
        var lab = Counting(1);

        var result = await lab.RunAsync(OneMore);

        Assert.True(result.Passed, result.Timeline());
        Assert.Equal("'before' = 5", result.Steps[0].Detail);
        Assert.Equal("db1: save status wsrep_local_cert_failures as 'before'", result.Steps[0].Description);
        Assert.Equal("db1: status wsrep_local_cert_failures changed by exactly +1 since 'before'", result.Steps[2].Description);
        Assert.Equal("db1: wsrep_local_cert_failures=6 ('before' was 5, a change of +1)", result.Steps[2].Detail);
    }

    [Fact]
    public async Task Given_a_counter_that_went_up_by_2_When_1_is_expected_Then_it_fails_at_the_line_with_both_values_and_the_change()
    {
        var lab = Counting(2);

        var result = await lab.RunAsync(OneMore);

        Assert.False(result.Passed);
        Assert.True(result.Error?.StartsWith(At(10) + "expected db1: status wsrep_local_cert_failures changed by exactly +1 since 'before' within 2s; " +
                                             "last observed: db1: wsrep_local_cert_failures=7 ('before' was 5, a change of +2)", StringComparison.Ordinal) == true,
            $"error was: {result.Error}");
        Assert.Equal(TimeSpan.FromSeconds(2), result.Steps[2].Duration);
    }

    [Fact]
    public async Task Given_a_counter_that_changes_only_after_3s_When_compared_within_10s_Then_it_is_polled_until_it_holds()
    {
        var lab = new ScenarioHarness("galera");
        lab["db2"].Sql.SetStatus("wsrep_received", "40");
        lab.Clock.CreateTimer(_ => lab["db2"].Sql.SetStatus("wsrep_received", "41"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: received one more
                do: [ { save: { as: received, on: db2, status: wsrep_received } } ]
                expect:
                  - value: { on: db2, status: wsrep_received, increased_by: 1, from: received }
                    within: 10s
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.True(result.Steps[1].Duration >= TimeSpan.FromSeconds(3) && result.Steps[1].Duration < TimeSpan.FromSeconds(3.5),
            $"expected to pass at the first poll after 3 s, took {result.Steps[1].Duration}");
    }

    [Fact]
    public async Task Given_a_row_count_saved_on_db1_When_compared_on_db2_and_db3_Then_equal_greater_and_less_hold_against_saved_values_and_numbers()
    {
        var lab = new ScenarioHarness("galera");
        var rows = new Dictionary<string, string> { ["db1"] = "10", ["db2"] = "10", ["db3"] = "10.0" };
        foreach (var h in rows.Keys) lab[h].Sql.On("SELECT COUNT(*) FROM t", () => SqlReply.Value(rows[h]));

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: compare
                do: [ { save: { as: n, on: db1, query: "SELECT COUNT(*) FROM t" } } ]
                expect:
                  - value: { on: [db2, db3], query: "SELECT COUNT(*) FROM t", equals: n, greater_than: 9, less_than: 10.5 }
                  - value: { on: db2, query: "SELECT COUNT(*) FROM t", differs_from: 11 }
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.Equal("db2, db3: \"SELECT COUNT(*) FROM t\" equal to 'n', greater than 9, less than 10.5", result.Steps[1].Description);
        Assert.Equal("db2: SELECT COUNT(*) FROM t=10 ('n' was 10, a change of 0); db3: SELECT COUNT(*) FROM t=10.0 ('n' was 10, a change of 0)", result.Steps[1].Detail);
    }

    [Fact]
    public async Task Given_nodes_that_differ_When_same_on_is_expected_Then_it_fails_listing_every_nodes_value_and_passes_once_they_agree()
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Sql.SetStatus("wsrep_last_committed", "12");
        lab["db2"].Sql.SetStatus("wsrep_last_committed", "12");
        lab["db3"].Sql.SetStatus("wsrep_last_committed", "11");
        const string yaml = """
            name: t
            stages:
              - title: every node committed the same
                expect:
                  - value: { same_on: [db1, db2, db3], status: wsrep_last_committed }
                    within: 1s
            """;

        var differing = await lab.RunAsync(yaml);
        lab["db3"].Sql.SetStatus("wsrep_last_committed", "12");
        var agreeing = await lab.RunAsync(yaml);

        Assert.True(differing.Error?.StartsWith(At(5) + "expected db1, db2, db3: status wsrep_last_committed the same on every one of them within 1s; last observed: " +
                                                "not the same everywhere: db1: wsrep_last_committed=12; db2: wsrep_last_committed=12; db3: wsrep_last_committed=11",
                StringComparison.Ordinal) == true, $"error was: {differing.Error}");
        Assert.True(agreeing.Passed, agreeing.Timeline());
    }

    [Fact]
    public async Task Given_a_saved_value_that_is_no_number_When_increased_by_is_expected_Then_the_failure_says_which_is_not_a_number()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: a state is no counter
                do: [ { save: { as: state, on: db1, status: wsrep_cluster_status } } ]
                expect:
                  - value: { on: db1, status: wsrep_cluster_size, increased_by: 1, from: state }
                    within: 500ms
            """);

        Assert.True(result.Error?.Contains("last observed: db1: wsrep_cluster_size=3 ('state' was Primary; 'Primary' is not a number)", StringComparison.Ordinal) == true,
            $"error was: {result.Error}");
    }

    [Theory]
    [InlineData("status: wsrep_no_such_counter", "db1: nothing to save: no status variable wsrep_no_such_counter")]
    [InlineData("query: \"SELECT id FROM t WHERE 0\"", "db1: nothing to save: the query returned no row")]
    public async Task Given_nothing_to_read_When_a_value_is_saved_Then_the_save_step_fails_saying_why(string source, string error)
    {
        var lab = new ScenarioHarness("galera");
        lab["db1"].Sql.On("SELECT id FROM t WHERE 0", SqlReply.Done);

        var result = await lab.RunAsync($$"""
            name: t
            stages:
              - title: save
                do: [ { save: { as: x, on: db1, {{source}} } } ]
            """);

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task Given_the_run_in_Korean_Then_the_value_steps_read_in_Korean()
    {
        var lab = new ScenarioHarness("galera") { Language = Language.Ko };
        lab["db1"].Sql.SetStatus("wsrep_local_cert_failures", "5");

        var result = await lab.RunAsync("""
            name: t
            stages:
              - title: save
                do: [ { save: { as: before, on: db1, status: wsrep_local_cert_failures } } ]
                expect: [ { value: { on: db1, status: wsrep_local_cert_failures, increased_by: 0, from: before } } ]
            """);

        Assert.True(result.Passed, result.Timeline());
        Assert.Equal("db1: 상태 변수 wsrep_local_cert_failures 값을 'before' 이름으로 저장", result.Steps[0].Description);
        Assert.Equal("db1: 상태 변수 wsrep_local_cert_failures 'before' 이후 정확히 0만큼 변함", result.Steps[1].Description);
        Assert.Equal("db1: wsrep_local_cert_failures=5 (저장한 'before' 값은 5, 차이 0)", result.Steps[1].Detail);
    }
}
