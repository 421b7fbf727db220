using Lab.Conformance;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.BringUp;
using Lab.Core.Galera;
using Lab.Core.Scenarios;
using Lab.Core.Waits;
using Lab.Instances;
using Lab.Targets.Machines;
using Xunit.Abstractions;

namespace Lab.Export.Pulumi.Proof.Tests;

/// <summary>
/// The Azure program builds a working lab: its own payload (each VM's user-data through cloud-init NoCloud, then its
/// command resources in dependency order) run on systemd machines here, then the lab's scenarios over the ssh target
/// through the inventory the program outputs. Times per phase are printed and recorded under out/payload-proof.
/// </summary>
public sealed class PayloadProofTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _state = TestStateRoot.Create("proof-");
    private readonly LabCatalog _catalog = new(RepoRoot.Path);
    private bool _keep;
    private LocalLayout Layout => new(Path.Combine(_state, "state"), "/run/lab/ns", LocalLayout.Default.CacheRoot);

    [Fact]
    public Task Given_the_galera_program_When_its_payload_runs_Then_its_scenarios_pass_over_ssh() =>
        ProveAsync("galera", ["kill-node1-ist", "haproxy-failover"]);

    [Fact]
    public Task Given_the_replication_program_When_its_payload_runs_Then_its_scenarios_pass_over_ssh() =>
        ProveAsync("replication", ["setup-check", "replica-lag"]);

    /// <summary>
    /// Seed 002 as the program builds it on Azure (two VMs with a managed data disk, DRBD, Corosync, Pacemaker), on QEMU
    /// VMs with the data disk at its Azure name; the hard failover cuts node1's power as an Azure host failure would.
    /// </summary>
    [Fact]
    public Task Given_the_ha_drbd_program_When_its_payload_runs_on_VMs_Then_its_scenarios_pass_over_ssh() =>
        ProveAsync("ha-drbd", ["1-setup-check", "3-hard-failover"], vms: true);

    private async Task ProveAsync(string labName, IReadOnlyList<string> scenarios, bool vms = false)
    {
        if (MachinesAvailability(vms) is { } why) throw new InvalidOperationException($"the payload proof cannot run here: {why}");
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(vms ? 45 : 30));
        var layout = Layout;
        var instance = $"pp{Guid.NewGuid():N}"[..8];
        var proof = new PayloadProof(_catalog, layout);
        var progress = new List<string>();
        var passed = false;
        void Note(string m) { lock (progress) progress.Add(m); output.WriteLine(m); }
        try
        {
            LabInstance lab;
            ProofTimes times;
            try { (lab, times) = await proof.UpAsync(labName, instance, Note, limit.Token); }
            catch (Exception e) { throw new Xunit.Sdk.XunitException($"{labName}: the payload failed: {e.Message}\n{string.Join("\n", progress.TakeLast(20))}"); }
            output.WriteLine($"{labName}: {times}");

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var results = new List<string>();
            // LAB_PROOF_SCENARIOS=all: every scenario of the lab (those this kernel cannot run are reported, not failed).
            var all = Environment.GetEnvironmentVariable("LAB_PROOF_SCENARIOS") == "all";
            foreach (var name in all ? new ScenarioLoader(lab.Lab).Names.ToList() : scenarios)
            {
                // As `lab run` between scenarios: Galera heals in place. Replication would be recreated after a scenario that
                // changes its topology; setup-check only reads, so replica-lag starts from the same state as after up.
                if (results.Count > 0 && BetweenScenariosRule.For(lab.Lab) == BetweenScenarios.HealInPlace)
                    await new HealthRestorer(lab, Until.Real, Note).RestoreAsync(limit.Token);
                // ha-drbd says how to restore itself (lab.yaml `restore:`), as `lab run` does between its scenarios.
                if (results.Count > 0 && BetweenScenariosRule.For(lab.Lab) == BetweenScenarios.RestoreSteps)
                    await new LabStepRunner(lab, Until.Real.Paced(lab.Pace)).RunAllAsync(lab.Lab.Restore, Note, limit.Token);
                var scenario = new ScenarioLoader(lab.Lab).LoadByName(name);
                var result = await new ScenarioRunner(lab, SilentObserver.Instance, TimeProvider.System).RunAsync(scenario, limit.Token);
                var timeline = string.Join("\n", result.Steps.Select(s => $"{(s.Passed ? "ok" : "FAIL")} {s.Description} → {s.Detail}"));
                if (all && result.NotRun) { results.Add($"{name} not run ({result.NotRunReason})"); continue; }
                Assert.False(result.NotRun, $"{labName}/{name} was not run: {result.NotRunReason}");
                Assert.True(result.Passed, $"{labName}/{name} over ssh failed: {result.Error}\n{timeline}");
                results.Add($"{name} {result.Duration.TotalSeconds:0.0}s");
            }
            var line = $"{labName}\t{times.Boot:0.0}\t{times.CloudInit:0.0}\t{times.Commands:0.0}\t{clock.Elapsed.TotalSeconds:0.0}\t{string.Join(", ", results)}";
            output.WriteLine($"{labName}: scenarios {clock.Elapsed.TotalSeconds:0.0}s: {string.Join(", ", results)}");
            var dir = Path.Combine(RepoRoot.Path, "out", "payload-proof");
            Directory.CreateDirectory(dir);
            File.AppendAllText(Path.Combine(dir, "times.tsv"), line + "\n");
            passed = true;
        }
        finally
        {
            // LAB_PROOF_KEEP=1 keeps a failed proof's machines for a look inside (then `lab down` with its state dir).
            _keep = !passed && Environment.GetEnvironmentVariable("LAB_PROOF_KEEP") == "1";
            if (!_keep && Reaper.ExistingInstances(layout).Contains(instance))
                await proof.DownAsync(instance, CancellationToken.None);
        }
    }

    private static string? MachinesAvailability(bool vms) =>
        File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t', StringSplitOptions.RemoveEmptyEntries) is { Length: > 2 } f && f[2] == "0"
            ? vms ? File.Exists("/usr/bin/qemu-system-x86_64") ? null : "qemu-system-x86_64 is missing (qemu-system-x86)"
                : File.Exists("/usr/bin/systemd-nspawn") ? null : "systemd-nspawn is missing (systemd-container)"
            : "it needs root (namespaces, overlay mounts, systemd-nspawn or QEMU)";

    public void Dispose()
    {
        if (_keep) return;
        try { Directory.Delete(_state, recursive: true); } catch (IOException) { }
    }
}
