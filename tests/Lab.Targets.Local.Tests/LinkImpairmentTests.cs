using Lab.Core.Hosts;
using Lab.Core.Scenarios;
using Lab.Instances;

namespace Lab.Targets.Local.Tests;

/// <summary>
/// `impair` on real namespace hosts. This machine's kernel has no netem (DESIGN §6), so a scenario impairing a namespace
/// is not run, with one line naming the host and the fix, and an impairment asked for directly fails the same way;
/// either leaves the host's link exactly as it was. On a kernel with netem the same tests check the impairment is
/// applied and removed instead; which case holds is probed apart from the code under test.
/// </summary>
[Collection(GaleraLabCollection.Name)]
public sealed class LinkImpairmentTests(GaleraLabFixture lab)
{
    private const string ShowQdisc = "tc qdisc show dev eth0";

    [Fact]
    public async Task Given_a_namespace_host_When_a_scenario_impairs_its_link_Then_without_netem_it_is_not_run_with_the_reason_and_the_link_is_as_before()
    {
        var db2 = lab.Instance.Host("db2");
        var before = await QdiscAsync(db2);
        var netem = await KernelHasNetemAsync();
        var scenario = new ScenarioLoader(lab.Lab).Parse("impair.yaml", """
            name: impair
            stages:
              - title: a slow, lossy link to db2
                do: [ { impair: { on: db2, delay: 100ms, jitter: 10ms, loss: 1%, rate: 10mbit } } ]
            """);

        var result = await new ScenarioRunner(lab.Instance, SilentObserver.Instance, TimeProvider.System).RunAsync(scenario, CancellationToken.None);

        var timeline = string.Join("\n", result.Steps.Select(s => $"{(s.Passed ? "ok  " : "FAIL")} {s.StageTitle}: {s.Description} — {s.Detail}"));
        if (netem)
        {
            Assert.True(result.Passed, $"this kernel has netem, so the impairment should apply:\n{timeline}");
            var cleanUp = result.Steps[^1];
            Assert.True(cleanUp is { StageTitle: ScenarioRunner.CleanUpTitle, Passed: true }, $"the removal at the end should have run and passed:\n{timeline}");
        }
        else
            Assert.True(result is { NotRun: true, Steps.Count: 0 } && result.NotRunReason ==
                        "needs netem on db2 (this machine's kernel has no sch_netem); run it on VMs: lab run galera impair --target vm",
                $"not run: {result.NotRunReason}; error: {result.Error}\n{timeline}");
        var after = await QdiscAsync(db2);
        Assert.True(after == before, $"db2's eth0 qdisc should be as before the scenario.\nbefore: {before}\nafter:  {after}");
        Assert.DoesNotContain("netem", after);
    }

    [Fact]
    public async Task Given_a_namespace_host_When_impaired_directly_and_removed_twice_Then_the_error_is_a_user_error_and_removal_is_idempotent()
    {
        var db3 = lab.Instance.Host("db3");
        var before = await QdiscAsync(db3);

        if (await KernelHasNetemAsync())
        {
            await db3.ImpairLinkAsync(new LinkImpairment(Delay: TimeSpan.FromMilliseconds(50)));
            Assert.Contains("netem", await QdiscAsync(db3));
        }
        else
        {
            var e = await Assert.ThrowsAsync<NetemUnavailableException>(() => db3.ImpairLinkAsync(new LinkImpairment(LossPercent: 5)));
            Assert.Equal("db3", e.Host);
            Assert.IsAssignableFrom<Lab.Core.Errors.LabException>(e);
        }
        await db3.ImpairLinkAsync(null);
        await db3.ImpairLinkAsync(null);

        Assert.Equal(before, await QdiscAsync(db3));
    }

    private static async Task<string> QdiscAsync(ILabHost host)
    {
        var r = await host.RunAsync(ShowQdisc);
        Assert.True(r.Ok, $"{host.Name}: {ShowQdisc}: {r.Describe()}");
        return r.Stdout.Trim();
    }

    /// <summary>netem on the loopback of a throwaway network namespace, which goes away with the process.</summary>
    private static async Task<bool> KernelHasNetemAsync()
    {
        var r = await ProcessRunner.RunAsync("unshare", ["--net", "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"], timeout: TimeSpan.FromSeconds(10));
        return r.Ok;
    }
}
