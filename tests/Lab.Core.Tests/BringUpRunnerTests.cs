using Lab.Core.BringUp;
using Lab.Core.Galera;
using Lab.Core.Hosts;
using Lab.Core.Services;
using Lab.Core.Tests.Support;
using Lab.Core.Waits;

namespace Lab.Core.Tests;

/// <summary>The runner carries out the plan's steps through ILabHost alone, in order, on fake hosts and virtual time.</summary>
public sealed class BringUpRunnerTests
{
    private readonly ManualTimeProvider _clock = new();

    [Fact]
    public async Task Given_a_galera_lab_with_haproxy_stopped_When_the_plans_last_steps_run_Then_haproxy_starts_its_backends_are_awaited_and_the_client_asks()
    {
        // Given a formed cluster whose HAProxy is not running yet
        var lab = FakeLab.Load("galera", _clock);
        lab["haproxy"].Services.Set(ServiceCatalog.HaProxy, ServiceState.Stopped);
        var plan = BringUpPlan.For(lab.Lab, GaleraStart.SharedState);
        var lines = new List<string>();
        var prepared = false;

        // When the runner runs the plan from "start the remaining services" on
        var timings = await VirtualTime.RunAsync(_clock, () => new BringUpRunner(lab.Instance, new Until(_clock), lines.Add)
            .RunAsync(plan.Steps.SkipWhile(s => s is not StartServicesStep).Prepend(plan.Steps[0]), (_, _) => { prepared = true; return Task.CompletedTask; }, CancellationToken.None));

        // Then the target's preparation ran, HAProxy was started, its stats read, and the client's query answered
        Assert.True(prepared, "the runner never called the target's host preparation");
        Assert.Equal(["prepare", "start-services", "wait-haproxy", "client-query"], timings.Select(t => t.Step.Key));
        Assert.Equal(ServiceState.Running, lab["haproxy"].Services.Status(ServiceCatalog.HaProxy).State);
        Assert.Contains(lab["haproxy"].Commands, c => c.Command.Contains("show stat"));
        Assert.Contains(lab["client"].Commands, c => c.Stdin?.Contains("SELECT @@hostname") == true);
        Assert.Contains(lines, l => l.StartsWith("✓ client-query: client: a query through HAProxy on haproxy answered by db", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_backend_that_stays_down_When_haproxy_is_awaited_Then_the_step_fails_saying_what_haproxy_showed()
    {
        var lab = FakeLab.Load("galera", _clock);
        lab["haproxy"].Haproxy.Down("db2");
        var plan = BringUpPlan.For(lab.Lab, GaleraStart.SharedState);

        var error = await Assert.ThrowsAsync<WaitTimeoutException>(() => VirtualTime.RunAsync(_clock, () =>
            new BringUpRunner(lab.Instance, new Until(_clock), _ => { }).RunAsync(plan.Steps.OfType<WaitHaproxyStep>(), (_, _) => Task.CompletedTask, CancellationToken.None)));

        Assert.Contains("haproxy: every database backend UP", error.Message);
        Assert.Contains("db2", error.LastObserved);
    }

    [Fact]
    public async Task Given_the_failover_lab_When_its_checks_run_Then_the_vip_on_the_primary_and_the_clients_query_through_it_hold()
    {
        var lab = FakeLab.Load("failover", _clock);
        var plan = BringUpPlan.For(lab.Lab, GaleraStart.SharedState);

        var timings = await VirtualTime.RunAsync(_clock, () =>
            new BringUpRunner(lab.Instance, new Until(_clock), _ => { }).RunAsync(plan.Checks, (_, _) => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(["wait-vip", "client-query"], timings.Select(t => t.Step.Key));
    }

    [Fact]
    public async Task Given_a_server_that_exits_right_after_its_first_start_When_servers_start_Then_it_is_started_once_more_and_the_step_passes()
    {
        var lab = FakeLab.Load("replication", _clock);
        foreach (var server in lab.HostsRunning(ServiceCatalog.MariaDb)) server.Services.Set(ServiceCatalog.MariaDb, ServiceState.Stopped);
        var starts = 0;
        lab["replica2"].OnStart(ServiceCatalog.MariaDb, _ => { if (++starts == 1) lab["replica2"].Services.Set(ServiceCatalog.MariaDb, ServiceState.Stopped); });
        var lines = new List<string>();

        await VirtualTime.RunAsync(_clock, () => new BringUpRunner(lab.Instance, new Until(_clock), lines.Add)
            .RunAsync(BringUpPlan.For(lab.Lab, GaleraStart.SharedState).Steps.OfType<StartServersStep>(), (_, _) => Task.CompletedTask, CancellationToken.None));

        Assert.True(starts == 2, $"replica2 was started {starts} time(s)");
        Assert.Contains("replica2: mariadbd is not running after its start; starting it once more", lines);
    }

    [Fact]
    public async Task Given_a_server_that_never_stays_up_When_servers_start_Then_the_failure_quotes_its_log_and_only_its()
    {
        var lab = FakeLab.Load("replication", _clock);
        foreach (var server in lab.HostsRunning(ServiceCatalog.MariaDb)) server.Services.Set(ServiceCatalog.MariaDb, ServiceState.Stopped);
        lab["replica2"].OnStart(ServiceCatalog.MariaDb, _ => lab["replica2"].Services.Set(ServiceCatalog.MariaDb, ServiceState.Stopped));
        lab["replica2"].Log("[ERROR] InnoDB: cannot allocate memory for the buffer pool");

        var error = await Assert.ThrowsAsync<Lab.Core.Errors.LabException>(() => VirtualTime.RunAsync(_clock, () =>
            new BringUpRunner(lab.Instance, new Until(_clock), _ => { })
                .RunAsync(BringUpPlan.For(lab.Lab, GaleraStart.SharedState).Steps.OfType<StartServersStep>(), (_, _) => Task.CompletedTask, CancellationToken.None)));

        Assert.Contains("replica2: ERROR 2002", error.Message);
        Assert.Contains("--- replica2: mariadb stopped ---", error.Message);
        Assert.Contains("cannot allocate memory", error.Message);
        Assert.DoesNotContain("--- primary", error.Message); // servers that answer are not what went wrong
    }
}
