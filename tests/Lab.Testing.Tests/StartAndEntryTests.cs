using MySqlConnector;

namespace Lab.Testing.Tests;

/// <summary>The started lab: healthy, fast, and reachable from this process with a real MySQL driver.</summary>
[Collection(GaleraEnvironmentCollection.Name)]
public sealed class StartAndEntryTests(GaleraEnvironmentFixture fixture)
{
    private LabEnvironment Lab => fixture.Lab;

    [Fact]
    public async Task Given_a_started_galera_lab_Then_it_is_healthy_with_a_generated_name_of_this_process()
    {
        var status = await Lab.StatusAsync();

        Assert.True(status.Healthy, string.Join("\n", status.Problems) + "\n" + fixture.Log());
        Assert.All(new[] { "db1", "db2", "db3" }, h => Assert.True(status.Host(h).Galera is { Ok: true, Value: { } g } && g.IsPrimarySynced(3), $"{h}: {status.Host(h).Galera}"));
        Assert.Matches($"^[a-z][a-z0-9]*{Environment.ProcessId}x[0-9]+$", Lab.Name);
        // Not a speed test (the machine is shared), but a lab that takes more than a minute is on a slow path by mistake.
        Assert.True(Lab.StartupTime < TimeSpan.FromSeconds(60), $"start took {Lab.StartupTime.TotalSeconds:0.00}s");
    }

    [Fact]
    public async Task Given_the_entry_When_a_driver_connects_on_127_0_0_1_Then_HAProxy_hands_it_to_a_Synced_node_and_its_writes_reach_every_node()
    {
        Assert.Equal("127.0.0.1", Lab.Entry.Address.ToString());
        await using var entry = new MySqlConnection(Lab.ConnectionString());
        await entry.OpenAsync();
        var served = (string)(await new MySqlCommand("SELECT @@hostname", entry).ExecuteScalarAsync())!;
        Assert.Contains(served, new[] { "db1", "db2", "db3" });

        var marker = Guid.NewGuid().ToString("N");
        await new MySqlCommand("CREATE DATABASE IF NOT EXISTS libtest; CREATE TABLE IF NOT EXISTS libtest.t (id VARCHAR(32) PRIMARY KEY)", entry).ExecuteNonQueryAsync();
        await new MySqlCommand($"INSERT INTO libtest.t VALUES ('{marker}')", entry).ExecuteNonQueryAsync();

        // Straight to each node on its own port: Galera replicated the row before the commit returned.
        foreach (var host in new[] { "db1", "db2", "db3" })
        {
            await using var direct = new MySqlConnection(Lab.ConnectionString(host));
            await direct.OpenAsync();
            Assert.Equal(host, (string)(await new MySqlCommand("SELECT @@hostname", direct).ExecuteScalarAsync())!);
            var count = Convert.ToInt64(await new MySqlCommand($"SET SESSION wsrep_sync_wait=1; SELECT COUNT(*) FROM libtest.t WHERE id='{marker}'", direct).ExecuteScalarAsync());
            Assert.Equal(1, count);
        }
    }

    [Fact]
    public void Given_the_credentials_Then_they_are_the_instance_s_own_app_account_and_an_unknown_host_is_named()
    {
        Assert.Equal("app", Lab.User);
        Assert.Equal(Lab.Instance.Secrets["app_password"], Lab.Password);
        Assert.Contains($"Password={Lab.Password};", Lab.ConnectionString("db2"));
        Assert.Contains($"Port={Lab.Endpoint("db2").Port};", Lab.ConnectionString("db2"));
        Assert.NotEqual(Lab.Entry.Port, Lab.Endpoint("db2").Port);
        var e = Assert.ThrowsAny<Exception>(() => Lab.Host("db9"));
        Assert.Contains("db1, db2, db3, haproxy, client", e.Message);
    }

    [Fact]
    public async Task Given_a_named_scenario_When_run_Then_its_result_says_passed_with_every_step()
    {
        var outcome = await Lab.RunScenarioAsync("kill-node1-ist");

        Assert.True(outcome.Passed, outcome + "\n" + fixture.Log());
        Assert.Contains(outcome.Steps, s => s.Contains("kill", StringComparison.OrdinalIgnoreCase));
        await Lab.WaitHealthyAsync();
    }

    [Fact]
    public async Task Given_an_unknown_scenario_Then_the_error_names_the_lab_s_scenarios()
    {
        var e = await Assert.ThrowsAnyAsync<Exception>(() => Lab.RunScenarioAsync("no-such-scenario"));
        Assert.Contains("kill-node1-ist", e.Message);
    }
}
