using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Scenarios.Sessions;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>The session action as the loader reads it: each use typed, the host carried from the first use, misuse refused at its line.</summary>
public sealed class SessionLoaderTests
{
    private static readonly ScenarioLoader Loader = new(new LabCatalog(RepoRoot.Path).Load("galera"));

    private static LabFileException Fails(string actions) =>
        Assert.Throws<LabFileException>(() => Loader.Parse("s.yaml", Scenario(actions)));

    /// <summary>A one-stage scenario whose actions start at line 5.</summary>
    private static string Scenario(string actions) => "name: x\nstages:\n  - title: t\n    do:\n" +
        string.Concat(actions.Trim().Split('\n').Select(l => "      " + l.Trim() + "\n"));

    [Fact]
    public void Given_run_send_and_reap_Then_each_is_typed_with_the_host_of_the_first_use_and_the_file()
    {
        var s = Loader.Parse("s.yaml", Scenario("""
            - session: { name: s1, on: db1, run: "START TRANSACTION; UPDATE t SET v = v + 1 WHERE id = 1" }
            - session: { name: s2, on: db2, send: "UPDATE t SET v = 0 WHERE id = 1" }
            - session: { name: s1, run: COMMIT, error: 1213, timeout: 5s }
            - session: { name: s2, reap: true, rows: 0 }
            - session: { name: s1, run: "SELECT v FROM t WHERE id = 1", equals: "1" }
            """));

        var a = s.Stages[0].Actions.Cast<SessionAction>().ToList();
        Assert.Equal([SessionVerb.Run, SessionVerb.Send, SessionVerb.Run, SessionVerb.Reap, SessionVerb.Run], a.Select(x => x.Verb));
        Assert.Equal(["db1", "db2", "db1", "db2", "db1"], a.Select(x => x.Host));
        Assert.Equal([5, 6, 7, 8, 9], a.Select(x => x.Line));
        Assert.Equal(1213, a[2].Error);
        Assert.Equal(TimeSpan.FromSeconds(5), a[2].StatementTimeout);
        Assert.Equal(0, a[3].Rows);
        Assert.Equal("1", a[4].EqualsValue);
        Assert.All(a, x => Assert.Equal(Path.GetFullPath("s.yaml"), x.File));
        Assert.Equal("db1 [s1]: COMMIT (expect ERROR 1213)", a[2].Describe());
        Assert.Equal("db2 [s2]: send UPDATE t SET v = 0 WHERE id = 1 (goes on at once)", a[1].Describe());
    }

    [Fact]
    public void Given_sessions_across_stages_Then_a_session_opened_in_one_stage_is_known_in_the_next()
    {
        var s = Loader.Parse("s.yaml", """
            name: x
            stages:
              - title: hold the lock
                do: [ { session: { name: lock, on: db2, run: "FLUSH TABLES WITH READ LOCK" } } ]
              - title: let go
                do: [ { session: { name: lock, run: "UNLOCK TABLES" } } ]
            """);

        Assert.Equal("db2", Assert.IsType<SessionAction>(Assert.Single(s.Stages[1].Actions)).Host);
    }

    [Fact]
    public void Given_a_reap_in_a_session_never_named_Then_the_error_names_the_line_and_the_sessions_there_are()
    {
        var e = Fails("""
            - session: { name: s1, on: db1, run: "SELECT 1" }
            - session: { name: s9, reap: true }
            """);
        Assert.Equal("s.yaml:6: session 's9' has sent nothing to reap (sessions so far: s1 on db1)", e.Message);
    }

    [Fact]
    public void Given_a_reap_without_a_send_Then_it_is_refused_at_its_line()
    {
        var e = Fails("""
            - session: { name: s1, on: db1, run: "SELECT 1" }
            - session: { name: s1, reap: true }
            """);
        Assert.Equal("s.yaml:6: session 's1' has nothing in flight to reap: reap follows a send in the same session", e.Message);
    }

    [Fact]
    public void Given_a_second_reap_Then_it_is_refused_the_statement_was_already_reaped()
    {
        var e = Fails("""
            - session: { name: s1, on: db1, send: "SELECT 1" }
            - session: { name: s1, reap: true }
            - session: { name: s1, reap: true }
            """);
        Assert.Equal("s.yaml:7: session 's1' has nothing in flight to reap: reap follows a send in the same session", e.Message);
    }

    [Fact]
    public void Given_a_run_while_a_sent_statement_is_in_flight_Then_it_is_refused_naming_the_send()
    {
        var e = Fails("""
            - session: { name: s1, on: db1, send: "UPDATE t SET v = 1" }
            - session: { name: s1, run: COMMIT }
            - session: { name: s1, reap: true }
            """);
        Assert.Equal("s.yaml:6: session 's1' still runs the statement sent at line 5: reap it first (one statement at a time per session)", e.Message);
    }

    [Fact]
    public void Given_a_send_never_reaped_Then_it_is_refused_at_the_send()
    {
        var e = Fails("""
            - session: { name: s2, on: db1, send: "UPDATE t SET v = 1" }
            - session: { name: s1, on: db1, run: "SELECT 1" }
            """);
        Assert.StartsWith("s.yaml:5: session 's2' sends a statement that is never reaped; add { session: { name: s2, reap: true } }", e.Message);
    }

    [Fact]
    public void Given_a_first_use_without_a_host_Then_it_asks_where_the_session_opens()
    {
        var e = Fails("""- session: { name: s1, run: "SELECT 1" }""");
        Assert.Equal("s.yaml:5: session 's1' is first used here, so say where it opens, e.g. session: { name: s1, on: db1, ... }", e.Message);
    }

    [Fact]
    public void Given_a_session_used_on_another_host_Then_it_is_refused_naming_where_it_was_opened()
    {
        var e = Fails("""
            - session: { name: s1, on: db1, run: "SELECT 1" }
            - session: { name: s1, on: db2, run: "SELECT 1" }
            """);
        Assert.Equal("s.yaml:6: session 's1' is on db1 (opened at line 5); a session stays on its host: name a new session for db2", e.Message);
    }

    [Theory]
    [InlineData("""{ name: s1, on: haproxy, run: "SELECT 1" }""", "haproxy has no MariaDB server and no MariaDB client configuration")]
    [InlineData("""{ name: s1, on: db9, run: "SELECT 1" }""", "unknown host 'db9'")]
    [InlineData("""{ name: s1, on: [db1, db2], run: "SELECT 1" }""", "a session is on exactly one host")]
    [InlineData("""{ name: s1, on: db1 }""", "exactly one of run (SQL, wait for it), send (SQL, go on at once) or reap: true (wait for what was sent); found none")]
    [InlineData("""{ name: s1, on: db1, run: "SELECT 1", send: "SELECT 2" }""", "found run, send")]
    [InlineData("""{ name: s1, on: db1, send: "SELECT 1", error: 1213 }""", "'error' belongs on the reap")]
    [InlineData("""{ name: s1, on: db1, run: "SELECT 1", error: 1213, rows: 1 }""", "use either error, or rows and/or equals")]
    [InlineData("""{ name: s1, on: db1, run: "SELECT 1", timeout: soon }""", "'timeout: soon' must be a duration more than 0")]
    [InlineData("""{ name: s1, on: db1, run: "SELECT 1", timeout: 20m }""", "'timeout: 20m' is more than 10 minutes")]
    [InlineData("""{ name: "1st", on: db1, run: "SELECT 1" }""", "session name '1st' must start with a letter")]
    [InlineData("""{ name: s1, on: db1, run: "SELECT 1", wait: true }""", "unknown key 'wait'")]
    [InlineData("""{ name: s1, on: db1, reap: false }""", "'reap' must be true")]
    public void Given_a_malformed_session_action_Then_the_error_is_at_its_line_and_says_what_is_wrong(string action, string problem)
    {
        var e = Fails("- session: " + action);
        Assert.StartsWith("s.yaml:5: ", e.Message);
        Assert.Contains(problem, e.Message);
    }
}
