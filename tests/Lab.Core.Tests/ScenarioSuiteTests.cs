using Lab.Core.Hosts;
using Lab.Core.Instances;
using Lab.Core.Loading;
using Lab.Core.Model;
using Lab.Core.Scenarios;
using Lab.Core.Secrets;
using Lab.Core.Tests.Support;

namespace Lab.Core.Tests;

public sealed class ScenarioSuiteTests
{
    private static readonly LabDefinition Lab = new LabCatalog(RepoRoot.Path).Load("galera");

    [Fact]
    public async Task Given_a_lab_that_cannot_be_prepared_Then_that_scenario_fails_with_the_reason_and_the_next_still_runs()
    {
        var instance = new LabInstance("t", "fake", Lab, LabSecrets.Placeholders(), Lab.Hosts.Select(h => new FileOnlyHost(h)));
        var loader = new ScenarioLoader(Lab);
        Scenario Reads(string name) => loader.Parse($"{name}.yaml", $"""
            name: {name}
            stages:
              - title: read a file
                expect: [ {"{"} file: {"{"} on: db1, path: /etc/hostname, contains: db1 {"}"} {"}"} ]
            """);
        var preparations = 0;
        ScenarioSuite.Preparation prepare = (current, _) =>
            ++preparations == 1 ? throw new InvalidOperationException("db2 would not start") : Task.FromResult(current);

        var entries = new List<SuiteEntry>();
        await foreach (var e in new ScenarioSuite(new NullObserver(), TimeProvider.System).RunAsync(instance, [Reads("first"), Reads("second")], prepare, CancellationToken.None))
            entries.Add(e);

        Assert.Equal(2, entries.Count);
        Assert.False(entries[0].Result.Passed);
        Assert.Equal("lab not healthy before the scenario: db2 would not start", entries[0].Result.Error);
        Assert.Empty(entries[0].Result.Steps);
        Assert.True(entries[1].Result.Passed, entries[1].Result.Error);
        Assert.Equal(2, preparations);
    }

    /// <summary>A host that only has files: enough for a file expectation, and nothing else pretends to work.</summary>
    private sealed class FileOnlyHost(HostDefinition definition) : ILabHost
    {
        public HostDefinition Definition { get; } = definition;
        public Task<string?> ReadFileAsync(string path, CancellationToken ct = default) => Task.FromResult<string?>(path == "/etc/hostname" ? Definition.Name + "\n" : null);
        public Task<CommandResult> RunAsync(string command, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default) => throw new NotSupportedException();
        public Task WriteFileAsync(string path, string content, string mode, string owner, CancellationToken ct = default) => throw new NotSupportedException();
        public Task StartAsync(string service, IReadOnlyList<string>? extraArgs = null, CancellationToken ct = default) => throw new NotSupportedException();
        public Task StopAsync(string service, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SignalAsync(string service, ServiceSignal signal, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<ServiceStatus> StatusAsync(string service, CancellationToken ct = default) => throw new NotSupportedException();
        public Task SetIsolatedAsync(bool isolated, CancellationToken ct = default) => throw new NotSupportedException();
    }

    private sealed class NullObserver : IScenarioObserver
    {
        public void ScenarioStarted(Scenario scenario) { }
        public void StageStarted(int index, Stage stage) { }
        public void StepFinished(StepResult step) { }
        public void ScenarioFinished(ScenarioResult result) { }
        public void Note(string message) { }
    }
}
