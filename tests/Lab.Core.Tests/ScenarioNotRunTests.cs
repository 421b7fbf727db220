using System.Xml.Linq;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Scenarios;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

/// <summary>
/// A scenario that impairs links needs netem on those hosts: which hosts a scenario impairs (loader), whether the
/// runner and the suite run it on hosts placed as the instance says, and how "not run" is reported.
/// </summary>
public sealed class ScenarioNotRunTests
{
    private static readonly ScenarioLoader Loader = new(new LabCatalog(RepoRoot.Path).Load("galera"));

    private const string NotRunReason = "needs netem on db2, db3 (this machine's kernel has no sch_netem); " +
                                        "run it on VMs: lab run galera slow --target vm";

    private const string ImpairsDb2AndDb3 = """
        name: slow
        stages:
          - title: slow db2 and db3
            do: [ { impair: { on: [db2, db3], delay: 100ms } } ]
            expect:
              - status: { on: db1, wsrep_cluster_size: 3 }
        """;

    [Fact]
    public void Given_impairments_and_restores_Then_the_impaired_hosts_are_those_some_impair_names_in_first_seen_order()
    {
        var scenario = Loader.Parse("s.yaml", """
            name: x
            stages:
              - title: one
                do:
                  - impair: { on: [db3, db2], loss: 1% }
                  - unimpair: haproxy
              - title: two
                do:
                  - impair: { on: [db2, db1], delay: 10ms }
                  - unimpair: [db1, db2, db3]
            """);
        var restoresOnly = Loader.Parse("s.yaml", "name: x\nstages:\n  - title: t\n    do: [ { unimpair: [db2, db3] } ]\n");

        Assert.Equal(["db3", "db2", "db1"], scenario.ImpairedHosts);
        Assert.Empty(restoresOnly.ImpairedHosts);
        Assert.Empty(Loader.LoadByName("kill-node1-ist").ImpairedHosts);
        Assert.Equal(["db2", "db3"], Loader.LoadByName("latency-100ms").ImpairedHosts);
    }

    [Fact]
    public async Task Given_impaired_hosts_on_this_machines_kernel_without_netem_When_run_Then_it_is_not_run_with_the_reason_and_nothing_touched()
    {
        var lab = new ScenarioHarness("galera");
        var instance = lab.Lab.Instance.With(kernels: new FakeHostKernels(vms: []));

        var result = await RunAsync(lab, instance, lab.Parse(ImpairsDb2AndDb3));

        Assert.True(result is { NotRun: true, Passed: false, Failed: false, Error: null, Steps.Count: 0, NotRunReason: NotRunReason },
            $"not run: {result.NotRunReason}; error: {result.Error}; {result.Timeline()}");
        var touched = lab.Lab.Hosts.Values.Where(h => h.Commands.Count > 0).Select(h => h.Name).ToList();
        Assert.True(touched.Count == 0, $"no host should have been touched; ran commands on: {string.Join(", ", touched)}");
        Assert.True(lab.Observer.Started.SequenceEqual(["slow"]) && lab.Observer.Finished.Single().NotRun, "the observer should see it start and end not run");
    }

    [Theory]
    [InlineData("db2,db3", "")]          // both VMs: kernels of their own
    [InlineData("", "sch_netem")]        // namespaces, on a kernel with netem
    public async Task Given_impaired_hosts_that_have_netem_When_run_Then_it_runs(string vms, string machineModule)
    {
        var lab = new ScenarioHarness("galera");
        var kernels = new FakeHostKernels(vms.Split(',', StringSplitOptions.RemoveEmptyEntries), machineModule);

        var result = await RunAsync(lab, lab.Lab.Instance.With(kernels: kernels), lab.Parse(ImpairsDb2AndDb3));

        Assert.True(result.Passed, result.Timeline());
        Assert.Equal("tc qdisc replace dev eth0 root netem delay 100ms", lab["db2"].Commands[0].Command);
    }

    [Fact]
    public async Task Given_one_impaired_host_on_this_machines_kernel_and_one_VM_Then_the_reason_names_only_the_shared_one()
    {
        var lab = new ScenarioHarness("galera");

        var result = await RunAsync(lab, lab.Lab.Instance.With(kernels: new FakeHostKernels(vms: ["db3"])), lab.Parse(ImpairsDb2AndDb3));

        Assert.Equal("needs netem on db2 (this machine's kernel has no sch_netem); run it on VMs: lab run galera slow --target vm", result.NotRunReason);
    }

    [Fact]
    public async Task Given_a_scenario_that_impairs_nothing_Then_it_runs_without_asking_the_kernel()
    {
        var lab = new ScenarioHarness("galera");
        var kernels = new FakeHostKernels(vms: []);

        var result = await RunAsync(lab, lab.Lab.Instance.With(kernels: kernels), lab.Parse("""
            name: quick
            stages:
              - title: look
                expect:
                  - status: { on: db1, wsrep_cluster_size: 3 }
            """));

        Assert.True(result.Passed, result.Timeline());
        Assert.Equal(0, kernels.MachineAsked);
    }

    [Fact]
    public async Task Given_an_instance_that_says_nothing_of_its_kernels_Then_its_hosts_count_as_having_their_own()
    {
        var lab = new ScenarioHarness("galera");

        var result = await lab.RunAsync(ImpairsDb2AndDb3);

        Assert.True(result.Passed, result.Timeline());
    }

    [Fact]
    public async Task Given_a_suite_with_a_scenario_these_hosts_cannot_run_Then_it_is_not_run_without_preparing_the_lab_and_the_others_run()
    {
        var lab = new ScenarioHarness("galera");
        var instance = lab.Lab.Instance.With(kernels: new FakeHostKernels(vms: []));
        var quick = lab.Parse("name: quick\nstages:\n  - title: look\n    expect:\n      - status: { on: db1, wsrep_cluster_size: 3 }\n");
        var prepared = new List<string>();
        ScenarioSuite.Preparation prepare = async (current, _) =>
        {
            prepared.Add($"before {(prepared.Count == 0 ? "first" : "next")}");
            await Task.Delay(TimeSpan.FromSeconds(5), lab.Clock); // healing takes a while
            return current;
        };

        var entries = await VirtualTime.RunAsync(lab.Clock, async () =>
        {
            var list = new List<SuiteEntry>();
            await foreach (var e in new ScenarioSuite(lab.Observer, lab.Clock).RunAsync(instance, [lab.Parse(ImpairsDb2AndDb3), quick], prepare, CancellationToken.None))
                list.Add(e);
            return list;
        });

        Assert.True(entries.Count == 2, $"expected an entry per scenario, observed {entries.Count}");
        Assert.True(entries[0] is { Result.NotRunReason: NotRunReason, Preparation.Ticks: 0 }, $"first: {entries[0].Result.NotRunReason}, prepared {entries[0].Preparation}");
        Assert.True(entries[1].Result.Passed, entries[1].Result.Timeline());
        Assert.True(prepared.Count == 1, $"only the scenario that runs should be prepared for; preparations: {prepared.Count}");
        Assert.True(lab.Observer.Started.SequenceEqual(["slow", "quick"]), $"started: {string.Join(", ", lab.Observer.Started)}");
    }

    [Fact]
    public void Given_a_scenario_not_run_When_written_as_JUnit_Then_its_stages_are_skipped_with_the_reason_and_nothing_failed()
    {
        var scenario = Loader.LoadByName("latency-100ms");
        var notRun = ScenarioResult.NotRunBecause(scenario, "needs netem on db2, db3 (this machine's kernel has no sch_netem)");

        var xml = JUnitReport.Build("galera", [notRun]).Root!;

        var suite = Assert.Single(xml.Elements("testsuite"));
        var cases = suite.Elements("testcase").ToList();
        Assert.True(cases.Count == scenario.Stages.Count && cases.All(c => (string?)c.Element("skipped")?.Attribute("message") ==
                                                                      "not run: needs netem on db2, db3 (this machine's kernel has no sch_netem)"), xml.ToString());
        Assert.True(cases.All(c => c.Element("failure") is null), xml.ToString());
        var counts = $"failures {xml.Attribute("failures")?.Value}/{suite.Attribute("failures")?.Value}, skipped {xml.Attribute("skipped")?.Value}/{suite.Attribute("skipped")?.Value}";
        Assert.Equal("failures 0/0, skipped 3/3", counts);
    }

    [Fact]
    public void A_saved_JUnit_report_starts_with_its_XML_declaration_not_a_byte_order_mark()
    {
        var scenario = Loader.LoadByName("latency-100ms");
        var file = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}.xml");
        try
        {
            JUnitReport.Save(JUnitReport.Build("galera", [ScenarioResult.NotRunBecause(scenario, "no netem")]), file);

            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().StartsWith("<?xml"u8), $"the file starts with {Convert.ToHexString(bytes.AsSpan(0, 5))}");
            Assert.Equal("testsuites", System.Xml.Linq.XDocument.Load(file).Root!.Name.LocalName);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static Task<ScenarioResult> RunAsync(ScenarioHarness lab, LabInstance instance, Scenario scenario) =>
        VirtualTime.RunAsync(lab.Clock, () => new ScenarioRunner(instance, lab.Observer, lab.Clock).RunAsync(scenario, CancellationToken.None));
}
