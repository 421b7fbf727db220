using Lab.Core.Haproxy;

namespace Lab.Core.Tests;

/// <summary>Parsing HAProxy 2.6's `show stat` CSV, captured from a real haproxy (Debian 12) checking three servers.</summary>
public sealed class HaproxyBackendTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private static HaproxyBackend Server(IReadOnlyList<HaproxyBackend> all, string name) =>
        all.SingleOrDefault(b => b.Server == name) ?? throw new Xunit.Sdk.XunitException($"no server {name}; parsed: {string.Join(", ", all)}");

    [Fact]
    public void Given_show_stat_right_after_start_When_parsed_Then_only_servers_are_listed_and_unchecked_ones_are_not_up()
    {
        // db1 answered its first check (L7OK); db2 and db3 are still INI ("UP 1/2": not yet checked).
        var servers = HaproxyBackend.ParseShowStat(Fixture("show-stat-starting.csv"));

        Assert.True(servers.Select(s => $"{s.Backend}/{s.Server}").SequenceEqual(["mariadb_backend/db1", "mariadb_backend/db2", "mariadb_backend/db3"]),
            $"expected the three servers without FRONTEND/BACKEND rows, got: {string.Join(", ", servers.Select(s => $"{s.Backend}/{s.Server}"))}");
        var db1 = Server(servers, "db1");
        Assert.True(db1 is { Status: "UP", CheckStatus: "L7OK" } && db1.IsUp, $"db1 should be UP after L7OK, was {db1} (IsUp={db1.IsUp})");
        foreach (var name in new[] { "db2", "db3" })
        {
            var s = Server(servers, name);
            Assert.True(s.CheckStatus == "INI" && !s.IsUp, $"{name} has not been checked yet and must not count as up; was {s} (IsUp={s.IsUp})");
        }
    }

    [Fact]
    public void Given_show_stat_after_checks_failed_When_parsed_Then_down_servers_carry_their_check_status_and_reason()
    {
        var servers = HaproxyBackend.ParseShowStat(Fixture("show-stat-checked.csv"));

        var db2 = Server(servers, "db2");
        var db3 = Server(servers, "db3");
        Assert.True(Server(servers, "db1").IsUp, $"db1 should be up: {Server(servers, "db1")}");
        Assert.True(db2 is { Status: "DOWN", CheckStatus: "L7STS", LastCheck: "Service Unavailable" } && !db2.IsUp, $"db2 was {db2} (IsUp={db2.IsUp})");
        Assert.True(db3 is { Status: "DOWN", CheckStatus: "L4CON", LastCheck: "Connection refused" } && !db3.IsUp, $"db3 was {db3} (IsUp={db3.IsUp})");
        Assert.True(db3.ToString() == "db3 DOWN (L4CON: Connection refused)", $"ToString gave '{db3}'");
    }

    [Fact]
    public void Given_a_server_shown_UP_before_its_first_check_When_parsed_Then_it_is_not_up()
    {
        var csv = Fixture("show-stat-starting.csv").Replace(",UP 1/2,", ",UP,");

        var servers = HaproxyBackend.ParseShowStat(csv);

        var db2 = Server(servers, "db2");
        Assert.True(db2 is { Status: "UP", CheckStatus: "INI" } && !db2.IsUp, $"UP with check INI must not count as up; was {db2} (IsUp={db2.IsUp})");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Unknown command. Please enter one of the following commands only :\n")]
    [InlineData("mariadb_backend,db1,0,0\n")]
    public void Given_output_without_the_csv_header_When_parsed_Then_nothing_is_returned(string text)
    {
        var servers = HaproxyBackend.ParseShowStat(text);

        Assert.True(servers.Count == 0, $"expected no servers, got: {string.Join(", ", servers)}");
    }
}
