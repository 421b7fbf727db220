using Lab.Core.Galera;
using Lab.Core.Scenarios;
using Lab.Core.Services;
using Lab.Core.Status;
using Lab.Core.Waits;
using Xunit.Abstractions;

namespace Lab.Targets.Ssh.Tests;

/// <summary>
/// The galera lab's scenarios, unchanged, on systemd machines driven over SSH: the same files the local target runs.
/// Then `down` must leave nothing of the instance behind.
/// </summary>
[Collection(MachinesLabCollection.Name)]
public sealed class MachinesConformanceTests(MachinesLabFixture fixture, ITestOutputHelper output)
{
    [MachinesFact]
    public async Task Up_gives_a_healthy_cluster_behind_haproxy_on_systemd_machines()
    {
        var lab = fixture.RequireLab();
        output.WriteLine($"up took {fixture.UpTime.TotalSeconds:0.0}s: {string.Join("; ", fixture.Progress)}");
        // Tests share the lab in any order: a scenario may just have run, so the health restore (a no-op on a
        // healthy lab) comes first, as before every scenario.
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await new HealthRestorer(lab, Until.Real, output.WriteLine).RestoreAsync(cts.Token);
        var status = await LabStatusReader.ReadAsync(lab, cts.Token);
        Assert.True(status.Healthy, $"not healthy: {System.Text.Json.JsonSerializer.Serialize(status)}");
        // The services really are systemd's: the unit runs mariadbd.
        var unit = await lab.Host("db1").RunAsync("systemctl show -p ActiveState --value mariadb.service; cat /proc/1/comm");
        Assert.Equal("active\nsystemd", unit.Stdout.Trim());
    }

    [MachinesFact]
    public Task Kill_node1_rejoins_by_ist() => RunScenarioAsync("kill-node1-ist");

    [MachinesFact]
    public Task Quorum_loss_and_pc_bootstrap() => RunScenarioAsync("quorum-loss");

    [MachinesFact]
    public Task Quorum_loss_recovered_the_seeds_way() => RunScenarioAsync("quorum-loss-bootstrap");

    [MachinesFact]
    public Task Full_crash_bootstraps_from_the_highest_seqno() => RunScenarioAsync("full-crash-recovery");

    [MachinesFact]
    public Task Client_writes_through_haproxy_while_db1_dies() => RunScenarioAsync("haproxy-failover");

    [MachinesFact]
    public void The_root_namespace_has_no_route_into_the_lab()
    {
        var lab = fixture.RequireLab();
        var route = Lab.Targets.Local.ProcessRunner.RunAsync("ip", ["route", "get", lab.Lab.Host("db1").Address]).GetAwaiter().GetResult();
        Assert.False(route.Ok && !route.Stdout.Contains("unreachable"), $"the root namespace routes to the lab: {route.Stdout}");
    }

    private async Task RunScenarioAsync(string name)
    {
        var lab = fixture.RequireLab();
        var scenario = new ScenarioLoader(lab.Lab).LoadByName(name);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await new HealthRestorer(lab, Until.Real, output.WriteLine).RestoreAsync(cts.Token);
        var result = await new ScenarioRunner(lab, new Observer(output), TimeProvider.System).RunAsync(scenario, cts.Token);
        output.WriteLine($"{name}: {(result.Passed ? "passed" : "FAILED")} in {result.Duration.TotalSeconds:0.0}s");
        Assert.True(result.Passed, $"{name} failed: {result.Error ?? string.Join("; ", result.Steps.Where(s => !s.Passed).Select(s => $"{s.Description}: {s.Detail}"))}");
    }

    private sealed class Observer(ITestOutputHelper output) : IScenarioObserver
    {
        public void ScenarioStarted(Scenario scenario) => output.WriteLine($"▶ {scenario.Name}");
        public void StageStarted(int index, Stage stage) => output.WriteLine($"  {index}. {stage.Title}");
        public void StepFinished(StepResult step) =>
            output.WriteLine($"    {(step.Passed ? "✓" : "✗")} {step.Start.TotalSeconds,6:0.00}s +{step.Duration.TotalSeconds:0.00}s {step.Description} {step.Detail}");
        public void ScenarioFinished(ScenarioResult result) { }
        public void Note(string message) => output.WriteLine($"    · {message}");
    }
}
